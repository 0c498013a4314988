#!/usr/bin/env bash
# Whole-process figures for big inputs: wall time and peak RSS (from /usr/bin/time -v) of the
# release binary on generated articles and stories. Usage: benches/scale.sh [--huge]
# (--huge adds the 100,000-record story, which needs a lot of memory today).
# Inputs are invented words, generated deterministically into a temporary folder.
set -euo pipefail
if [ "${1:-}" = "--huge" ]; then export HUGE=1; fi
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/diptych"
seeds="${SHARED:-$PWD/../shared}/seeds"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, random, sys
out = sys.argv[1]
rnd = random.Random(7)
syll = ["ka", "lo", "mer", "vin", "dal", "to", "ra", "sen", "por", "ul", "an", "ive", "ost", "bre", "gan"]
vocab = ["".join(rnd.choice(syll) for _ in range(rnd.randint(1, 4))) for _ in range(20000)]
def sentence():
    w = [rnd.choice(vocab) for _ in range(rnd.randint(6, 22))]
    if rnd.random() < 0.3:
        w.insert(rnd.randint(0, len(w)), str(rnd.randint(2, 5000)))
    return " ".join(w).capitalize() + "."
def para(n=None):
    return " ".join(sentence() for _ in range(n or rnd.randint(2, 6)))
def article(words, path, title):
    with open(path, "w") as f:
        f.write(title + "\n\n")
        n = 0
        while n < words:
            p = para()
            n += len(p.split())
            f.write(p + "\n\n")
article(100_000, f"{out}/big-a.txt", "Talks on the river treaty")
article(100_000, f"{out}/big-b.txt", "River treaty talks resume")
article(60, f"{out}/short.txt", "A short report")
article(4_300_000, f"{out}/30mb.txt", "A very long transcript")
article(7_000_000, f"{out}/49mb.txt", "An even longer transcript")
with open(f"{out}/200k-paras.txt", "w") as f:
    f.write("Many short paragraphs\n\n")
    for i in range(200_000):
        f.write(sentence() + "\n\n")
os.makedirs(f"{out}/story1000", exist_ok=True)
with open(f"{out}/story1000/records.jsonl", "w") as f:
    for i in range(1000):
        f.write(json.dumps({"title": f"Report {i}", "source": f"Outlet {i % 40}", "text": para(8)}) + "\n")
os.makedirs(f"{out}/story10k", exist_ok=True)
with open(f"{out}/story10k/records.jsonl", "w") as f:
    for i in range(10_000):
        f.write(json.dumps({"title": f"Report {i}", "source": f"Outlet {i % 40}", "text": para(3)}) + "\n")
if os.environ.get("HUGE"):
    os.makedirs(f"{out}/story100k", exist_ok=True)
    with open(f"{out}/story100k/records.jsonl", "w") as f:
        for i in range(100_000):
            f.write(json.dumps({"title": f"Report {i}", "source": f"Outlet {i % 40}", "text": para(3)}) + "\n")
PY

# A plain TF-IDF baseline in Python for the first row: paragraphs as vectors, best match per
# left paragraph by cosine.
cat > "$work/tfidf.py" <<'PY'
import math, re, sys, collections
def paras(p):
    return [b for b in open(p).read().split("\n\n") if b.strip()]
a, b = paras(sys.argv[1]), paras(sys.argv[2])
tok = lambda s: re.findall(r"\w+", s.lower())
docs = [collections.Counter(tok(x)) for x in a + b]
df = collections.Counter(t for d in docs for t in d)
n = len(docs)
def vec(d):
    v = {t: c * math.log(n / df[t]) for t, c in d.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}
va, vb = [vec(d) for d in docs[:len(a)]], [vec(d) for d in docs[len(a):]]
index = collections.defaultdict(list)
for j, v in enumerate(vb):
    for t, x in v.items():
        index[t].append((j, x))
links = 0
for v in va:
    score = collections.Counter()
    for t, x in v.items():
        for j, y in index.get(t, ()):
            score[j] += x * y
    if score and score.most_common(1)[0][1] > 0.3:
        links += 1
print(links)
PY

row() { # row <label> <command…>: wall seconds and peak RSS
    label=$1
    shift
    if /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt"; then status=ok; else status="exit $?"; fi
    wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
    printf '%-58s %10s %10s MB  %s\n' "$label" "$wall" "$((rss / 1024))" "$status"
}

printf '%-58s %10s %13s\n' "case" "wall" "peak RSS"
row "two ~100k-word articles, align --format json" "$bin" align --format json "$work/big-a.txt" "$work/big-b.txt"
row "  the same with a plain Python TF-IDF script" python3 "$work/tfidf.py" "$work/big-a.txt" "$work/big-b.txt"
first=$(ls "$seeds" | sed -n 1p)
second=$(ls "$seeds" | sed -n 2p)
if [ -n "$first" ]; then
    row "two seed articles, align" "$bin" align "$seeds/$first" "$seeds/$second"
fi
row "30 MB article against a short one, align" "$bin" align "$work/30mb.txt" "$work/short.txt"
row "49 MB article, align" "$bin" align --max-size 100000000 "$work/49mb.txt" "$work/short.txt"
row "49 MB article, export html" "$bin" export --max-size 100000000 --format html "$work/49mb.txt" "$work/short.txt"
row "200k short paragraphs, export html" "$bin" export --format html "$work/200k-paras.txt" "$work/short.txt"
row "story of 1,000 JSONL records, story" "$bin" story "$work/story1000"
row "story of 10,000 JSONL records, story" "$bin" story "$work/story10k"
row "story of 10,000 JSONL records, story --figures" "$bin" story --figures "$work/story10k"
if [ -n "${HUGE:-}" ]; then
    row "story of 100,000 JSONL records, story" "$bin" story "$work/story100k"
fi
# The reader in a real terminal (tmux): seconds until the first words of the article are on
# screen, and until `q` has quit (pressed as soon as the text shows, while the alignment runs).
reader() { # reader <label> <first words> <args…>
    label=$1
    mark=$2
    shift 2
    s="diptych-scale-$$"
    t0=$(date +%s.%N)
    tmux new-session -d -s "$s" -x 160 -y 45 "$bin $* ; echo QUIT-DONE; sleep 30"
    wait_for() { # gives up after two minutes
        for _ in $(seq 6000); do
            tmux capture-pane -p -t "$s" | grep -q "$1" && return 0
            sleep 0.02
        done
        echo "$label: gave up waiting for '$1'" >&2
    }
    wait_for "$mark"
    t1=$(date +%s.%N)
    tmux send-keys -t "$s" q
    wait_for QUIT-DONE
    t2=$(date +%s.%N)
    tmux kill-session -t "$s"
    printf '%-58s %10.2f s on screen, q quit after %.2f s\n' "$label" \
        "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
}
# The reader's memory once the alignment has landed (the status line says "aligned: N
# topics"): what a reader keeps for as long as the article is open, and its peak.
reader_memory() { # reader_memory <label> <args…>
    label=$1
    shift
    s="diptych-mem-$$"
    tmux new-session -d -s "$s" -x 160 -y 45 "$bin $* ; sleep 30"
    for _ in $(seq 6000); do
        tmux capture-pane -p -t "$s" | grep -q "aligned: " && break
        sleep 0.02
    done
    pid=$(pgrep -P "$(tmux display -p -t "$s" '#{pane_pid}')" | head -1)
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux send-keys -t "$s" q
    sleep 0.5
    tmux kill-session -t "$s" 2> /dev/null || true
    printf '%-58s %10s MB held, peak %s MB\n' "$label" "$((rss / 1024))" "$((hwm / 1024))"
}
if command -v tmux > /dev/null && command -v bc > /dev/null; then
    reader_memory "reader, 30 MB article, once aligned" "$work/30mb.txt" "$work/short.txt"
    reader "reader, 49 MB article" "$(head -c 2000 "$work/49mb.txt" | sed -n 3p | cut -d' ' -f1-3)" \
        --max-size 100000000 "$work/49mb.txt" "$work/short.txt"
    reader "reader, 200k short paragraphs" "$(sed -n 3p "$work/200k-paras.txt" | cut -d' ' -f1-3)" \
        "$work/200k-paras.txt" "$work/short.txt"
    reader "reader, story of 1,000 JSONL records" "Report" "$work/story1000"
fi
ls -la "$work" | awk 'NR > 1 && $5 > 1000000 {printf "input %s: %d MB\n", $NF, $5 / 1048576}'
