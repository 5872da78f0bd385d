#!/usr/bin/env bash
# Session 6 experiment (docs/VAE.md, "Local attention"): cpu-small with local attention
# (local.json = the shipped config plus "localAttention": true), trained from scratch with the
# shipped run's command otherwise (same data, seed 0, 40,000-step schedule), so its validation
# figures compare step for step with training/vae-cpu-small/val.csv.
# Run from the repository root after `mvn -B -DskipTests package`, with data/ made as in docs/VAE.md.
# Starts the run in the background, or resumes it from RUN/checkpoint; RUN=DIR puts the run folder
# elsewhere (default runs/local-s6); DATA=DIR reads train/ and val/ from elsewhere (default data).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
run="${RUN:-$root/runs/local-s6}"
data="${DATA:-$root/data}"
mkdir -p "$(dirname "$run")"
export TOPOS_HEAP="${TOPOS_HEAP:-5g}"
nohup "$root/bin/topos" train vae --config "$here/local.json" --data "$data/train" --val "$data/val" \
  -o "$run" --steps 40000 >> "$run.log" 2>&1 &
echo "training in the background (pid $!); log $run.log"
