" .dairy files are models of a dairy supply chain (editors/vim/syntax/dairy.vim)
autocmd BufRead,BufNewFile *.dairy setfiletype dairy
