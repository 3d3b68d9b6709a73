# Sourced by ./mvnw and .ci/run: makes JAVA_HOME point to a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise tries the java on PATH, then /usr/lib/jvm/*.
_mailgate_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
_mailgate_find_jdk() {
  local java major
  set +f  # the wrapper runs with globbing off; /usr/lib/jvm/* needs it
  for java in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$java" ] && [ -x "$java" ] && [ -x "$(dirname "$java")/javac" ] || continue
    major="$(_mailgate_java_major "$java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      (cd "$(dirname "$java")/.." && pwd -P)
      return 0
    fi
  done
  return 1
}
if _mailgate_jdk="$(_mailgate_find_jdk)"; then
  if [ "${JAVA_HOME:-}" != "$_mailgate_jdk" ]; then
    echo "Using the JDK in $_mailgate_jdk (Mailgate needs 21 or newer)" >&2
  fi
  export JAVA_HOME="$_mailgate_jdk"
else
  echo "Mailgate needs a JDK 21 or newer: install one or set JAVA_HOME to it" >&2
fi
unset _mailgate_jdk
