# bash completion for mirror. Install: source <(mirror complete bash), e.g. in ~/.bashrc.
# The candidates come from `mirror __complete -- WORDS...`, one per line.
_mirror() {
  local words=() cur line
  if [[ -n ${COMP_LINE-} ]]; then
    # COMP_WORDS splits "dir:name" at the colon; the line up to the cursor does not.
    line=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
    read -ra words <<<"$line"
    [[ $line == *[[:space:]] ]] && words+=("")
  else
    words=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
  fi
  ((${#words[@]} < 2)) && words+=("")
  cur=${words[${#words[@]}-1]}
  local out
  out=$(command "${words[0]}" __complete -- "${words[@]:1}" 2>/dev/null) ||
    out=$(compgen -P "${cur:0:$([[ $cur == -* ]] && echo 1 || echo 0)}" -d -- "${cur#-}") # no mirror: directories
  # Readline replaces only what follows the last ':' or '=': drop what precedes it.
  local pre=
  if [[ $COMP_WORDBREAKS == *:* && $cur == *:* ]]; then
    pre=${cur%"${cur##*:}"}
  fi
  COMPREPLY=()
  local c nospace=0 IFS=$'\n'
  for c in $out; do
    COMPREPLY+=("${c#"$pre"}")
    [[ $c == */ || $c == *: ]] && nospace=1
  done
  if ((nospace)) && type compopt &>/dev/null; then
    compopt -o nospace 2>/dev/null
  fi
  return 0
}
complete -F _mirror mirror ./mirror
