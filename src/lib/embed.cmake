# embed.cmake - turns IN (groups.json) into OUT, a C file defining
# gm_default_catalog[] and gm_default_catalog_len.  Run with cmake -P.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp" "/* Generated from groups.json by src/lib/embed.cmake; do not edit. */\n#include <stddef.h>\nconst char gm_default_catalog[] = {\n${bytes}0x00\n};\nconst size_t gm_default_catalog_len = ${len};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
