" Vim filetype plugin: editing .dairy models
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

" comments run from `#` to the end of the line
setlocal commentstring=#\ %s comments=:#
setlocal formatoptions-=t formatoptions+=croql
" names may hold digits, `_` and any non-ASCII letter (`Смолевичи`)
setlocal iskeyword=@,48-57,_,192-255
" `dairy fmt` indents blocks by two spaces
setlocal expandtab shiftwidth=2 softtabstop=2

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< iskeyword< expandtab< shiftwidth< softtabstop<'
