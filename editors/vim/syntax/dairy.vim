" Vim syntax file
" Language:    dairy (.dairy models of a dairy supply chain)
" Maintainer:  the dairy project (editors/vim in its repository)
"
" Reads a file as the compiler's scanner (src/lexer.l) does, like the
" TextMate grammar in editors/vscode: a unit only right after a number or
" `[` on the same line; `components`, `grades`, `pay`, `periods` and
" `period` are keywords only where a top-level statement starts; a name is
" a letter, `_` or any non-ASCII character, then those or digits (so these
" patterns do not use 'iskeyword').  tests/editors.sh compares every
" character of every example with the scanner's tokens.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync minlines=50

" A name character, the end of a word, a whole name, and a statement's
" start (the line's start or a `;`, then blanks).
let s:idc = '\%([A-Za-z0-9_]\|[^\x00-\x7f]\)'
let s:end = s:idc . '\@!'
let s:name = '\%([A-Za-z_]\|[^\x00-\x7f]\)' . s:idc . '*'
let s:start = '\%(\%(^\|;\)\s*\)\@<='
let s:reserved = '\%(\%(model\|currency\|use\|product\|farm\|plant\|market\|transport'
      \ . '\|routes\|matrix\|from\|to\|objective\|maximize\|minimize\|profit\|cost'
      \ . '\|customers\|segment\|when\|strategy\|let\|scenario\|set\|scale\|close'
      \ . '\|open\|and\|or\|not\|in\|true\|false\)' . s:end . '\)\@!'

" Any other name, matched whole so that no keyword or number is found
" inside one (items defined later win where two start together).
exe 'syn match dairyName /' . s:name . '/'
exe 'syn match dairyDeclName /' . s:reserved . s:name . '/ contained'
exe 'syn match dairyListName /' . s:reserved . s:name . '/ contained'
      \ . ' nextgroup=dairyListComma,dairyListName skipwhite'
exe 'syn match dairyContName /' . s:name . '/ contained'

" Reserved words, by what they do; each also as the first word of a line
" that continues a statement (dairyCont*, see below).
let s:words = {
      \ 'Type': 'product\|farm\|plant\|market\|transport\|routes\|customers\|segment\|strategy\|scenario\|let',
      \ 'Include': 'use',
      \ 'Conditional': 'when',
      \ 'OperatorWord': 'and\|or\|not\|in',
      \ 'Boolean': 'true\|false',
      \ 'Keyword': 'model\|currency\|matrix\|from\|to\|objective\|maximize\|minimize\|profit\|cost\|set\|scale\|close\|open',
      \ }
for [s:group, s:list] in items(s:words)
  exe 'syn match dairy' . s:group . ' /\%(' . s:list . '\)' . s:end . '/'
  exe 'syn match dairyCont' . s:group . ' /\%(' . s:list . '\)' . s:end . '/ contained'
endfor

exe 'syn match dairyFunction /\%(quintile\|ntile\)\ze\s*(/'

" Numbers, and the unit after one (blanks between, same line): `%`, or
" t kg km day(s) week(s) or a currency code, with /-parts; a unit word
" followed by more name characters is a name (`3 tons`).
syn match dairyNumber /\d[0-9_]*\%(\.[0-9_]\+\)\=\%([eE][+-]\=\d[0-9_]*\)\=/ nextgroup=dairyUnit skipwhite
let s:uword = '\%(t\|kg\|km\|days\=\|weeks\=\|[A-Z][A-Z][A-Z]\)'
exe 'syn match dairyUnit /%\|' . s:uword . '\%(\/[A-Za-z%]\+\)\+\|' . s:uword . s:end . '/ contained'

syn match dairyDelimiter /[,;.()\]}]/
syn match dairyOperator /\.\.\|==\|!=\|<=\|>=\|[<>=+*\/%-]/
" a table header's unit: supply[t]
syn match dairyBracket /\[/ nextgroup=dairyUnit skipwhite

syn match dairyComment /#.*/ contains=@Spell
syn region dairyString start=/"/ skip=/\\./ end=/"/ end=/$/ contains=dairyBadEscape,dairyEscape
syn match dairyBadEscape /\\./ contained
syn match dairyEscape /\\["\\n]/ contained

" Blocks and parentheses: no statement starts inside them, so only these
" items, not the top-level ones below.
syn cluster dairyInner contains=dairyName,dairyType,dairyInclude,dairyConditional,
      \dairyOperatorWord,dairyBoolean,dairyKeyword,dairyFunction,dairyNumber,
      \dairyDelimiter,dairyOperator,dairyBracket,dairyComment,dairyString,
      \dairyBlock,dairyParens
syn region dairyBlock matchgroup=dairyBrace start=/{/ end=/}/ contains=@dairyInner transparent fold
syn region dairyParens matchgroup=dairyDelimiter start=/(/ end=/)/ contains=@dairyInner transparent

" Top level: a statement that declares a name (`farm north`, `let r`,
" `period may`, `currency BYN`), a list of names (`periods a, b`,
" possibly over several lines after commas), `pay`, and tables.
exe 'syn match dairyDecl /' . s:start . '\%(product\|farm\|plant\|market\|segment\|strategy'
      \ . '\|scenario\|let\|period\)' . s:end . '/ nextgroup=dairyDeclName skipwhite'
exe 'syn match dairyCurrency /' . s:start . 'currency' . s:end . '/ nextgroup=dairyDeclName skipwhite'
exe 'syn match dairyPay /' . s:start . 'pay' . s:end . '/'
exe 'syn match dairyList /' . s:start . '\%(periods\|components\|grades\)' . s:end
      \ . '/ nextgroup=dairyListName skipwhite'
syn match dairyListComma /,/ contained nextgroup=dairyListComment,dairyListCR,dairyListName skipwhite skipnl skipempty
syn match dairyListComment /#.*/ contained nextgroup=dairyListComment,dairyListCR,dairyListName skipwhite skipnl skipempty
syn match dairyListCR /\r$/ contained nextgroup=dairyListComment,dairyListCR,dairyListName skipwhite skipnl skipempty
exe 'syn match dairyTable /' . s:start . '\%(products\|farms\|plants\|lines\|markets\|demands\|stores\)'
      \ . '\ze\s*\%({\|from' . s:end . '\)/'

" After `,`, `..`, an operator, `and`, `or`, `not` or `[` at the end of a
" line the statement goes on (blank and comment lines between): the next
" line's first word starts no statement.  (A file of CRLF and LF line ends
" mixed is read with its CRs at the line ends.)
let s:eol = '\ze\s*\%(#.*\)\=\r\=$'
let s:next = ' nextgroup=dairyContComment,dairyContCR,dairyContName,dairyContType,dairyContInclude,'
      \ . 'dairyContConditional,dairyContOperatorWord,dairyContBoolean,dairyContKeyword'
      \ . ' skipwhite skipnl skipempty'
exe 'syn match dairyContComma /,' . s:eol . '/' . s:next
exe 'syn match dairyContOperator /\%(\.\.\|==\|!=\|<=\|>=\|[<>=+*\/]\)' . s:eol . '/' . s:next
exe 'syn match dairyContBracket /\[' . s:eol . '/' . s:next
exe 'syn match dairyContWord /\%(and\|or\|not\)' . s:end . s:eol . '/' . s:next
exe 'syn match dairyContComment /#.*/ contained' . s:next
exe 'syn match dairyContCR /\r$/ contained' . s:next

hi def link dairyComment         Comment
hi def link dairyListComment     Comment
hi def link dairyContComment     Comment
hi def link dairyString          String
hi def link dairyEscape          SpecialChar
hi def link dairyBadEscape       Error
hi def link dairyNumber          Number
hi def link dairyUnit            Type
hi def link dairyType            Structure
hi def link dairyContType        Structure
hi def link dairyDecl            Structure
hi def link dairyList            Structure
hi def link dairyInclude         Include
hi def link dairyContInclude     Include
hi def link dairyConditional     Conditional
hi def link dairyContConditional Conditional
hi def link dairyOperatorWord    Operator
hi def link dairyContOperatorWord Operator
hi def link dairyContWord        Operator
hi def link dairyBoolean         Boolean
hi def link dairyContBoolean     Boolean
hi def link dairyKeyword         Keyword
hi def link dairyContKeyword     Keyword
hi def link dairyCurrency        Keyword
hi def link dairyPay             Keyword
hi def link dairyDeclName        Identifier
hi def link dairyListName        Identifier
hi def link dairyFunction        Function
hi def link dairyTable           Type
hi def link dairyOperator        Operator
hi def link dairyContOperator    Operator
hi def link dairyDelimiter       Delimiter
hi def link dairyListComma       Delimiter
hi def link dairyContComma       Delimiter
hi def link dairyContBracket     Delimiter
hi def link dairyBracket         Delimiter
hi def link dairyBrace           Delimiter

let b:current_syntax = 'dairy'
let &cpo = s:cpo_save
unlet s:cpo_save s:idc s:end s:name s:start s:reserved s:words s:group s:list s:uword s:eol s:next
