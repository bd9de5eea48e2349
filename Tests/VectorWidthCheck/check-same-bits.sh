#!/usr/bin/env bash
# Builds the book once for each kind of kernel this CPU can run (AVX-512, AVX2, or those named as
# arguments) and runs `regenerate --check` with each: every chapter in full, every figure and
# transcript compared byte for byte with the committed ones. Passing with two kinds means the two
# give the same bits. Each build goes to its own folder, .build-kernels-KIND (about 3 minutes each
# on 2 cores; the check itself takes as long as `swift run regenerate`).
#
#   bash Tests/VectorWidthCheck/check-same-bits.sh            # every kind this CPU has
#   bash Tests/VectorWidthCheck/check-same-bits.sh avx2 generic
set -euo pipefail
cd "$(dirname "$0")/../.."

kinds=("$@")
if [ ${#kinds[@]} -eq 0 ]; then
    flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
    case " $flags " in *" avx512f "*) kinds+=(avx512) ;; esac
    case " $flags " in *" avx2 "*) case " $flags " in *" fma "*) kinds+=(avx2) ;; esac ;; esac
    if [ ${#kinds[@]} -eq 0 ]; then
        echo "this CPU has neither AVX-512 nor AVX2: name the kinds to check (avx512, avx2, generic)" >&2
        exit 64
    fi
fi

failed=()
for kind in "${kinds[@]}"; do
    case "$kind" in avx512|avx2|generic) ;; *) echo "unknown kind of kernel: $kind (expected avx512, avx2 or generic)" >&2; exit 64 ;; esac
    echo "== $kind kernels: build in .build-kernels-$kind"
    AUTOENCODERS_KERNELS=$kind swift build --scratch-path ".build-kernels-$kind" --product regenerate
    echo "== $kind kernels: regenerate --check"
    if AUTOENCODERS_KERNELS=$kind swift run --skip-build --scratch-path ".build-kernels-$kind" regenerate --check; then
        echo "== $kind kernels: every file identical to Figures/"
    else
        failed+=("$kind")
    fi
done

if [ ${#failed[@]} -ne 0 ]; then
    echo "different bits, or a failed chapter, with: ${failed[*]}" >&2
    exit 1
fi
echo "== the same bits with every kind checked: ${kinds[*]}"
