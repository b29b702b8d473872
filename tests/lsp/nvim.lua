-- tests/lsp/nvim.lua — `dairy lsp` with a real client: Neovim's built-in
-- LSP client (0.7 and later), headless.  Run by tests/lsp.sh:
--   DAIRY=build/dairy nvim --headless -u NONE -i NONE -c 'luafile tests/lsp/nvim.lua'
-- It opens examples/intro.dairy, misspells a plant in a route (unsaved) and
-- waits for the diagnostic; asks hover on a quantity and on a plant and
-- looks for the units; on examples/region.dairy jumps to the definition of
-- a product in the used std.products; formats a messy copy of a model and
-- compares with `dairy fmt`.  Files on disk are never written, except the
-- messy copy in a temporary folder.
local script = debug.getinfo(1, 'S').source:sub(2)
local root = vim.fn.fnamemodify(vim.fn.resolve(vim.fn.fnamemodify(script, ':p')), ':h:h:h')
local dairy = vim.fn.fnamemodify(os.getenv('DAIRY') or 'build/dairy', ':p')
vim.env.DAIRY_PATH = root .. '/stdlib'
local failures, checks = 0, 0
local client

local function check(ok, what, got)
  checks = checks + 1
  if ok then
    io.stdout:write('ok   ' .. what .. '\n')
  else
    failures = failures + 1
    io.stdout:write('FAIL ' .. what .. (got and (': got ' .. vim.inspect(got)) or '') .. '\n')
  end
end

local client_id
local function main()
client_id = vim.lsp.start_client({
  cmd = { dairy, 'lsp' },
  name = 'dairy',
  root_dir = root,
})
check(client_id ~= nil, 'the server starts')
client = vim.lsp.get_client_by_id(client_id)

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  vim.wait(5000, function() return client.initialized end, 20)
  return buf
end

local function request(buf, method, line, character)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line, character = character },
  }
  local res = client.request_sync(method, params, 5000, buf)
  return res and res.result
end

-- 1. a misspelled plant, unsaved: the diagnostic appears
local intro = open(root .. '/examples/intro.dairy')
check(client.initialized, 'initialize')
local row
for i, l in ipairs(vim.api.nvim_buf_get_lines(intro, 0, -1, false)) do
  if l:match('^%s+north%s+city_dairy') then row = i - 1 end
end
local col = vim.api.nvim_buf_get_lines(intro, row, row + 1, false)[1]:find('city_dairy') - 1
vim.api.nvim_buf_set_text(intro, row, col, row, col + 10, { 'city_diary' })
local diag
vim.wait(5000, function()
  for _, d in ipairs(vim.diagnostic.get(intro)) do
    if d.message:find('unknown plant `city_diary`', 1, true) then diag = d end
  end
  return diag ~= nil
end, 20)
check(diag ~= nil, 'a diagnostic after the edit that misspells a plant', vim.diagnostic.get(intro))
check(diag and diag.lnum == row and diag.col == col, 'its place', diag)
check(diag and diag.message:find('hint: did you mean `city_dairy`', 1, true) ~= nil,
      'its hint', diag and diag.message)

-- 2. hover: a quantity's unit and base value, a plant's properties with units
local lines = vim.api.nvim_buf_get_lines(intro, 0, -1, false)
local cap_row, cap_col, plant_row
for i, l in ipairs(lines) do
  if l:match('^%s+capacity 15_000 t') then cap_row, cap_col = i - 1, l:find('15_000') - 1 end
  if l:match('^plant city_dairy') then plant_row = i - 1 end
end
local h = request(intro, 'textDocument/hover', cap_row, cap_col + 2)
local text = h and h.contents and h.contents.value or ''
check(text:find('unit `t`, mass', 1, true) and text:find('15000 t', 1, true),
      'hover on a quantity gives its unit and base value', text)
h = request(intro, 'textDocument/hover', plant_row, 8)
text = h and h.contents and h.contents.value or ''
check(text:find('**plant** `city_dairy`', 1, true) and text:find('capacity 15_000 t', 1, true)
      and text:find('cost 310 BYN/t', 1, true), 'hover on a plant gives its properties', text)

-- 3. definition in a used file: a product of std.products, from region.dairy
local region = open(root .. '/examples/region.dairy')
local brow, bcol
for i, l in ipairs(vim.api.nvim_buf_get_lines(region, 0, -1, false)) do
  if not brow and l:match('^%s+makes butter725') then brow, bcol = i - 1, l:find('butter725') - 1 end
end
vim.api.nvim_win_set_cursor(0, { brow + 1, bcol + 3 })
local loc = request(region, 'textDocument/definition', brow, bcol + 3)
check(loc and loc.uri and loc.uri:match('/stdlib/products%.dairy$'), 'definition is in std.products', loc)
if loc and loc.uri then
  vim.lsp.util.jump_to_location(loc, 'utf-16')
  local name = vim.api.nvim_buf_get_name(0)
  local cur = vim.api.nvim_win_get_cursor(0)
  local at = vim.api.nvim_get_current_line():sub(cur[2] + 1, cur[2] + 9)
  check(name:match('/stdlib/products%.dairy$') and at == 'butter725',
        'the jump lands on `product butter725`', { name, at })
end

-- 4. formatting: a messy copy comes out as `dairy fmt` prints it
local dir = vim.fn.tempname()
vim.fn.mkdir(dir, 'p')
local messy = dir .. '/messy.dairy'
local f = io.open(messy, 'w')
f:write('model   "Messy"\ncurrency BYN\nproduct butter {milk 21.0 t/t\n   price 10_400 BYN/t}\n' ..
        'farm   north {supply 9_000 t; price 820 BYN/t}\n')
f:close()
local expect = vim.fn.systemlist({ dairy, 'fmt', messy })
local mbuf = open(messy)
if vim.lsp.buf.format then
  vim.lsp.buf.format({ async = false, timeout_ms = 5000 })
else
  vim.lsp.buf.formatting_sync(nil, 5000)
end
local got = vim.api.nvim_buf_get_lines(mbuf, 0, -1, false)
check(vim.deep_equal(got, expect), 'formatting gives the fmt layout', got)
vim.fn.delete(dir, 'rf')

end

local ok, err = pcall(main)
if not ok then check(false, 'the script ran to its end', err) end
io.stdout:write(string.format('neovim client: %d passed, %d failed\n', checks - failures, failures))
if client_id then vim.lsp.stop_client(client_id) end
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
if failures == 0 then vim.cmd('qall!') else vim.cmd('cquit 1') end
