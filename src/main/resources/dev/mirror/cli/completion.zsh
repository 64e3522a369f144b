#compdef mirror
# zsh completion for mirror. Install: source <(mirror complete zsh), e.g. in ~/.zshrc after
# compinit. The candidates come from `mirror __complete -- WORDS...`, one per line.
_mirror() {
  local -a candidates
  candidates=(${(f)"$(command ${words[1]} __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)"})
  # A directory or dir: goes on without a space; a goal, option or address ends the word.
  compadd -S '' -- ${(M)candidates:#*[/:]}
  compadd -- ${candidates:#*[/:]}
}
compdef _mirror mirror ./mirror
