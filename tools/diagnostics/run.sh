#!/usr/bin/env bash
# Runs one diagnostic script against the built jars: tools/diagnostics/run.sh SCRIPT.jsh [DATA] [WEIGHTS] [KEY=VALUE...]
# (each KEY=VALUE, wherever it stands, becomes a system property of the script, e.g. set=b first=12 n=10)
# DATA holds the train/val/test datasets (default: data), WEIGHTS a model folder (default:
# training/vae-cpu-small/best). One PyTorch thread (THREADS=N for more) and nice 19, so a training run beside it keeps going;
# MKL strict mode as bin/topos sets it, so one thread repeats byte for byte (MKL_CBWR= for MKL's default).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
script="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
positional=()
props=()
for arg in "$@"; do
  case "$arg" in
    *=*) props+=("-R-D$arg") ;;
    *) positional+=("$arg") ;;
  esac
done
data="$(realpath "${positional[0]:-$root/data}")"
weights="$(realpath "${positional[1]:-$root/training/vae-cpu-small/best}")"
lib="$root/topos-cli/target/lib"
if [ ! -d "$lib" ]; then
  echo "run.sh: error: not built yet; run: mvn -B -DskipTests package" >&2
  exit 1
fi
cp="$(ls "$lib"/*.jar | tr '\n' ':')$root/topos-cli/target/topos-cli.jar"
cd "$root"
if [ "${MKL_CBWR-unset}" = "" ]; then # MKL_CBWR= (empty): MKL's default mode
  unset MKL_CBWR
else
  export MKL_CBWR="${MKL_CBWR:-AUTO,STRICT}"
fi
OMP_NUM_THREADS=${THREADS:-1} OMP_WAIT_POLICY=PASSIVE exec nice -n 19 jshell -J-Xmx2g -R-Xmx6g -R-Dai.djl.offline=true \
  -R-Dai.djl.pytorch.num_threads=${THREADS:-1} -R-Ddata="$data" -R-Dweights="$weights" ${props[@]+"${props[@]}"} --class-path "$cp" "$script"
