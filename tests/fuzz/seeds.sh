#!/bin/sh
# The shipped files that seed a fuzz target (and that the replay test runs
# through it): one path a line, relative to the source tree.
# usage: sh tests/fuzz/seeds.sh TARGET     (run from the source tree)
case "$1" in
  scenario) ls scenarios/*.yaml tests/bad/*.yaml tests/fixtures/*.yaml ;;
  sweep)    ls scenarios/*sweep*.yaml tests/fixtures/sweep_small.yaml ;;
  game)     ls scenarios/classic/*.yaml ;;
  set)      ls tests/fuzz/seeds/set/* ;;
  manifest) ls tests/fuzz/seeds/manifest/* ;;
  plot)     ls tests/fixtures/*/*.csv tests/fixtures/*/*.json ;;
  *) echo "seeds.sh: unknown target '$1'" >&2; exit 2 ;;
esac
