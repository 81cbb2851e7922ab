# embed.cmake - turns IN (groups.json) into OUT, a C file defining
# gm_default_catalog[], gm_default_catalog_len and gm_default_catalog_sha256.  Run with cmake -P.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
# Its SHA-256, so that loading the built-in catalogue need not hash it:
# the canonical bytes are the file's own unless it may have a byte order
# mark or a CR LF, and then the loader hashes it ("" here).
file(SHA256 "${IN}" sha)
string(SUBSTRING "${hex}" 0 6 head)
string(FIND "${hex}" "0d0a" crlf)
if(head STREQUAL "efbbbf" OR NOT crlf EQUAL -1)
  set(sha "")
endif()
file(WRITE "${OUT}.tmp" "/* Generated from groups.json by src/lib/embed.cmake; do not edit. */\n#include <stddef.h>\nconst char gm_default_catalog[] = {\n${bytes}0x00\n};\nconst size_t gm_default_catalog_len = ${len};\nconst char gm_default_catalog_sha256[] = \"${sha}\";\n")
file(RENAME "${OUT}.tmp" "${OUT}")
