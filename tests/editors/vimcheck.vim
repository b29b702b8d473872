" vimcheck.vim — run by tests/editors.sh in headless Vim, with
" editors/vim on 'runtimepath' and `filetype plugin on`, `syntax on`:
"   vim -Es -N -u NONE -i NONE --cmd 'set rtp^=editors/vim' -c 'filetype plugin on'
"       -c 'syntax on' --cmd 'let g:expect = "EXPECT" | let g:result = "OUT"'
"       -S tests/editors/vimcheck.vim
" EXPECT is tmcheck.js's --vim output: each file with its line ends, then
" runs of byte columns the scanner reads as one kind ("LINE FROM TO KIND").
" Each file is opened as an editor would; it must get filetype dairy, the
" ftplugin's commentstring, load without an error message, and every byte
" column must get a syntax group of its kind.  The report goes to OUT; Vim exits non-zero on a failure.

" The syntax groups of editors/vim/syntax/dairy.vim by kind; '' is no group.
let s:kind = {}
for [s:k, s:groups] in items({
      \ 'comment': ['dairyComment', 'dairyListComment', 'dairyContComment'],
      \ 'string': ['dairyString', 'dairyEscape', 'dairyBadEscape'],
      \ 'number': ['dairyNumber'],
      \ 'unit': ['dairyUnit'],
      \ 'keyword': ['dairyType', 'dairyInclude', 'dairyConditional', 'dairyOperatorWord',
      \             'dairyBoolean', 'dairyKeyword', 'dairyDecl', 'dairyCurrency', 'dairyPay',
      \             'dairyList', 'dairyContType', 'dairyContInclude', 'dairyContConditional',
      \             'dairyContOperatorWord', 'dairyContBoolean', 'dairyContKeyword', 'dairyContWord'],
      \ 'entity': ['dairyDeclName', 'dairyListName'],
      \ 'operator': ['dairyOperator', 'dairyContOperator'],
      \ 'punct': ['dairyDelimiter', 'dairyBrace', 'dairyBracket', 'dairyListComma',
      \           'dairyContComma', 'dairyContBracket'],
      \ 'support': ['dairyFunction', 'dairyTable'],
      \ 'none': ['', 'dairyName', 'dairyContName'],
      \ })
  for s:g in s:groups
    let s:kind[s:g] = s:k
  endfor
endfor
" what a syntax group may be where the scanner reads each kind (see tmcheck.js)
let s:allowed = {
      \ 'comment': ['comment'], 'string': ['string'], 'number': ['number'], 'unit': ['unit'],
      \ 'keyword': ['keyword'], 'entity': ['entity'], 'operator': ['operator'], 'punct': ['punct'],
      \ 'ident': ['none', 'support'], 'plain': ['none'], 'semi': ['punct', 'none'],
      \ }

let s:out = []
let s:files = 0
let s:skipped = 0
let s:cols = 0
let s:bad_files = 0
let s:bad = 0
let s:file = ''

function! s:finish_file() abort
  if s:file !=# '' && s:bad > 0
    let s:bad_files += 1
  endif
  let s:bad = 0
endfunction

function! s:fail(msg) abort
  let s:bad += 1
  if s:bad <= 20
    call add(s:out, s:file . ':' . a:msg)
  endif
endfunction

" One run of byte columns: every column's group must be of the kind
" (compiled, as a quarter of a million columns are checked).
def s:CheckRun(lnum: number, from: number, to: number, want: string): string
  for col in range(from, to - 1)
    var group = synIDattr(synID(lnum, col, 1), 'name')
    var got = get(s:kind, group, 'unknown group ' .. group)
    if index(s:allowed[want], got) < 0
      var text = strpart(getline(lnum), from - 1, min([to - from, 40]))
      return printf('%d:%d: `%s`: the scanner reads %s, Vim shows %s (%s)', lnum, col, text,
            want, group == '' ? 'no group' : group, got)
    endif
  endfor
  return ''
enddef

" Vim highlights no further than 'synmaxcol' (3000) by default; a golden
" input has a line of 12000 parentheses.
set synmaxcol=0
for s:line in readfile(g:expect)
  let s:f = split(s:line, ' ')
  if s:f[0] ==# 'skip'
    let s:skipped += 1
  elseif s:f[0] ==# 'file'
    call s:finish_file()
    let s:file = join(s:f[2:], ' ')
    let s:files += 1
    let v:errmsg = ''
    silent! bwipeout!
    execute 'silent edit ++enc=utf-8 ++ff=' . s:f[1] . ' ' . fnameescape(s:file)
    if v:errmsg !=# ''
      call s:fail(' opening it: ' . v:errmsg)
    endif
    if &filetype !=# 'dairy'
      call s:fail(' filetype is "' . &filetype . '", not dairy')
    endif
    if get(b:, 'current_syntax', '') !=# 'dairy'
      call s:fail(' the dairy syntax is not loaded')
    endif
    if &commentstring !=# '# %s'
      call s:fail(' commentstring is "' . &commentstring . '", not "# %s" (ftplugin)')
    endif
  else
    let s:cols += str2nr(s:f[2]) - str2nr(s:f[1])
    let s:msg = s:CheckRun(str2nr(s:f[0]), str2nr(s:f[1]), str2nr(s:f[2]), s:f[3])
    if s:msg !=# ''
      call s:fail(s:msg)
    endif
  endif
endfor
call s:finish_file()
if v:errmsg !=# ''
  call add(s:out, 'vim: ' . v:errmsg)
  let s:bad_files += 1
endif
call add(s:out, printf('vim: %d files (%d skipped: mixed line ends), %d byte columns against the scanner; %d files differ',
      \ s:files, s:skipped, s:cols, s:bad_files))
call writefile(s:out, g:result)
if s:bad_files > 0 || s:files == 0
  cquit
endif
qall!
