#!/bin/sh
# check_layers.sh ENGINE_DIR [DEMOS_DIR] — an arrow never points up: each folder of engine/ includes only
# the internal headers of the folders below it (core/ holds the log channel every layer uses) (the same ones its CMake target links, see
# engine/CMakeLists.txt), and the GL primitive layer (render/draw*, series_geometry.c) knows
# nothing of the figure model. ringplot.h, system headers and generated files are always fine.
# A new folder must be added here, with the folders it may use. The examples in DEMOS_DIR use
# only the public header.
set -eu
engine=$1 demos=${2:-}
may_use() { # folder -> the folders its files may include from (itself included)
    case $1 in
        core) echo core ;;
        axis) echo axis ;;
        io) echo io core ;;
        text) echo text ;;
        figure) echo figure axis core ;;
        ingest) echo ingest io figure core ;;
        record) echo record core ;;
        layout) echo layout figure axis text core ;;
        render) echo render layout figure axis text core ;;
        platform) echo platform render layout figure axis text core ;;
        include) echo ;;
        *) return 1 ;;
    esac
}
bad=0
for dir in "$engine"/*/; do
    folder=$(basename "$dir")
    allowed=$(may_use "$folder") || {
        echo "check_layers: engine/$folder is not in tests/package/check_layers.sh: add it with the folders it may use"
        bad=1
        continue
    }
    for f in "$dir"*.c "$dir"*.h; do
        [ -e "$f" ] || continue
        for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/[^"]*".*/\1/p' "$f"); do
            case " $allowed " in
                *" $inc "*) ;;
                *) echo "check_layers: $folder/$(basename "$f") includes $inc/ (engine/$folder may use: $allowed)"; bad=1 ;;
            esac
        done
    done
done
# The GL primitive layer draws rectangles, lines, text and decimated columns: no figure model.
for f in "$engine"/render/draw.c "$engine"/render/draw.h "$engine"/render/draw_path.h \
         "$engine"/render/series_geometry.c; do
    if grep -Eq '#[[:space:]]*include[[:space:]]*"(figure|layout/layout)' "$f"; then
        echo "check_layers: render/$(basename "$f") (GL primitives) includes the figure model"
        bad=1
    fi
done
if [ -n "$demos" ]; then
    for f in "$demos"/*.c; do
        for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
            [ "$inc" = ringplot.h ] || { echo "check_layers: demos/$(basename "$f") includes \"$inc\" (examples use only ringplot.h)"; bad=1; }
        done
    done
fi
[ "$bad" = 0 ] && echo "check_layers: every include points down${demos:+; the examples use only ringplot.h}"
exit "$bad"
