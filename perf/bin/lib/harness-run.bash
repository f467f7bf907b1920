# Sourced by perf/bin/fix-bench, pipeline-bench and suite (not a command): runs their harness JVMs so that an
# interrupted run leaves nothing behind. A JVM started in the foreground of a script survives the script when only
# the script is killed (kill PID of the script, a CI job's timeout), and bash runs a trap only once its foreground
# job has ended. So each JVM runs in the background with its pid kept, the script waits for it, and on Ctrl-C,
# SIGTERM, SIGHUP or any exit the trap ends it by that pid: SIGTERM first, so the harness's shutdown hook stops
# its own children (the gateway's JVM, the forked configurations) and deletes its journals in /tmp, then SIGKILL
# if it is still there after 40 s. The load monitor (monitor_start) ends with it, and the script's own temporary
# files (scratch_paths) are removed.
#
#   harness_run FILE COMMAND...   runs COMMAND, its output (stdout and stderr) also appended to FILE when FILE is
#                                 not empty; returns COMMAND's exit status
#   monitor_start FILE            appends the load average and the busiest processes to FILE every 15 s
#   shell_words WORD...           the words as one line that bash reads back as the same words

harness_pid=""
monitor_pid=""
# Temporary files and directories of the script itself, removed on any exit (append to it).
scratch_paths=()

harness_stop() {
    if [[ -n "$harness_pid" ]] && kill -0 "$harness_pid" 2>/dev/null; then
        echo "${0##*/}: stopping the harness JVM (pid $harness_pid); its shutdown hook removes what it made" >&2
        kill -TERM "$harness_pid" 2>/dev/null || true
        local waited=0
        while kill -0 "$harness_pid" 2>/dev/null && ((waited < 400)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if kill -0 "$harness_pid" 2>/dev/null; then
            echo "${0##*/}: the harness JVM (pid $harness_pid) did not stop within 40 s of SIGTERM: killing it" >&2
            kill -KILL "$harness_pid" 2>/dev/null || true
        fi
        wait "$harness_pid" 2>/dev/null || true
    fi
    harness_pid=""
    if [[ -n "$monitor_pid" ]]; then
        kill "$monitor_pid" 2>/dev/null || true
        wait "$monitor_pid" 2>/dev/null || true
        monitor_pid=""
    fi
    if ((${#scratch_paths[@]} > 0)); then
        local scratch_lnames=() scratch_path
        for scratch_path in "${scratch_paths[@]}"; do
            ((${#scratch_lnames[@]} > 0)) && scratch_lnames+=(-o)
            scratch_lnames+=(-lname "$scratch_path/*")
        done
        # A gateway or child JVM whose parent was killed outright (SIGKILL: no hook ran) is shutting itself down
        # (ParentWatch) and may still write there (a last snapshot): wait, up to 40 s, until no process has a
        # file open under these paths, then remove them (and again if something came back).
        local waited=0
        while ((waited < 80)) && [[ -n "$(find /proc/[0-9]*/fd -maxdepth 1 \( "${scratch_lnames[@]}" \) -print -quit 2>/dev/null)" ]]; do
            sleep 0.5
            waited=$((waited + 1))
        done
        local attempt
        for attempt in 1 2 3 4 5 6; do
            rm -rf -- "${scratch_paths[@]}" 2>/dev/null || true
            local left=false path
            for path in "${scratch_paths[@]}"; do [[ -e "$path" ]] && left=true; done
            [[ "$left" == false ]] && break
            sleep 1
        done
        scratch_paths=()
    fi
}

# harness_make_dir: sets harness_dir to a new directory in /tmp for the harnesses' journals (their --dir), removed
# on any exit of the script, so that even a harness JVM killed outright (no hook runs) leaves no journal behind.
harness_make_dir() {
    harness_dir="$(mktemp -d "${TMPDIR:-/tmp}/tessera-${0##*/}-XXXXXX")"
    scratch_paths+=("$harness_dir")
}

# On a signal: stop the JVM, then end with the signal's usual status (130 for Ctrl-C, 143 for SIGTERM).
harness_signalled() {
    trap - EXIT
    harness_stop
    exit "$1"
}
trap harness_stop EXIT
trap 'harness_signalled 130' INT
trap 'harness_signalled 143' TERM
trap 'harness_signalled 129' HUP

harness_run() {
    local file="$1"
    shift
    if [[ -n "$file" ]]; then
        # tee ignores Ctrl-C, so that it keeps the JVM's last lines (what its shutdown hook removed); it ends when
        # the JVM closes its output.
        "$@" > >(trap '' INT TERM HUP; exec tee -a "$file") 2>&1 &
    else
        "$@" &
    fi
    harness_pid=$!
    local status=0
    # wait returns early (status > 128) when a trapped signal arrives; the trap then ends the script.
    wait "$harness_pid" || status=$?
    harness_pid=""
    return "$status"
}

monitor_start() {
    local file="$1"
    # The machine is shared: what else ran during the measurement is part of the result.
    (
        while true; do
            {
                echo "== $(date -u '+%Y-%m-%dT%H:%M:%SZ') load average: $(cut -d' ' -f1-3 /proc/loadavg)"
                ps -eo pcpu,pid,comm --sort=-pcpu | head -6
            } >> "$file"
            sleep 15
        done
    ) &
    monitor_pid=$!
}

# shell_words WORD...: the words on one line, each with a character the shell would read otherwise in single quotes: a
# command that machine.txt records runs again as it stands, an argument with spaces (--server-jvm-args "-Da -Db") or a
# JMH regex included (QA 113 F5). (Not printf %q: it escapes the commas of --rates 10000,20000 and the dots of a regex.)
shell_words() {
    local word line="" unsafe='[^A-Za-z0-9_./:=@%+,-]'
    for word in "$@"; do
        if [[ -z "$word" || "$word" =~ $unsafe ]]; then
            word="'${word//\'/\'\\\'\'}'"
        fi
        line+="${line:+ }$word"
    done
    printf '%s' "$line"
}

# machine_record COMMAND-LINE: what a result needs to be read later, on stdout: when, the exact command, the
# commit (and whether the tree had changes), cores, CPU model, memory, kernel, load, the JDK and .mvn/jvm.config.
# The scripts append it to their results directory's machine.txt, one block per run.
machine_record() {
    echo "date -u:  $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
    echo "command:  $1"
    echo "git:      $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo n/a)$(git -C "$root" status --porcelain -- . ':!perf/results' 2>/dev/null | grep -q . && echo ' (uncommitted changes outside perf/results)')"
    echo "nproc:    $(nproc)"
    echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory:   $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "kernel:   $(uname -sr)"
    echo "uptime:   $(uptime)"
    echo "java:"
    java -version 2>&1 | sed 's/^/  /'
    echo ".mvn/jvm.config (every JVM gets it):"
    sed 's/^/    /' "$root/.mvn/jvm.config"
}
