# fish completion for mirror. Install: mirror complete fish | source, e.g. in
# ~/.config/fish/config.fish. The candidates come from `mirror __complete -- WORDS...`.
function __mirror_complete
    set -l tokens (commandline -opc)
    command $tokens[1] __complete -- $tokens[2..-1] (commandline -ct) 2>/dev/null
end
complete -c mirror -f -a '(__mirror_complete)'
complete -c ./mirror -f -a '(__mirror_complete)'
