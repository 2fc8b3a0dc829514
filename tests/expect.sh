# expect.sh — sourced by the command-line test scripts: `expect CODE PATTERN -- command...`
# runs the command with its output in $work/out and $work/err, and counts a failure (in
# $failures, of $checks) unless it exits with CODE and (PATTERN not empty) its output matches
# the extended regular expression PATTERN. The caller sets work, failures=0 and checks=0.
expect() {
  local code=$1 pattern=$2; shift 3
  checks=$((checks + 1))
  "$@" > "$work/out" 2> "$work/err"
  local got=$?
  if [ "$got" != "$code" ] || { [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$work/out" "$work/err"; }; then
    echo "FAIL: $* -> exit $got (want $code), output lacks /$pattern/"; sed 's/^/  | /' "$work/err" | head -5
    failures=$((failures + 1))
  fi
}
