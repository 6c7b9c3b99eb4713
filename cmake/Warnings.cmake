# Warnings and sanitizers apply to everything we compile, tests included.
add_compile_options(-Wall -Wextra -Wpedantic)
if(MSYNC_WERROR)
  add_compile_options(-Werror)
endif()
# GCC 12 at -O2/-O3 reports -Wrestrict on ordinary std::string concatenation inside libstdc++
# (GCC bug 105329, fixed in 13): a false positive that would fail every Release build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  add_compile_options(-Wno-restrict)
endif()

if(MSYNC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  # clang 14's -fsanitize=function emits prologue data that the assembler cannot place in the
  # split functions of a coroutine ("Cannot represent a difference across sections").
  # Its pointer-overflow check also fires inside RapidJSON 1.1's own stack (null + n on the first
  # push of every parse): that one check is left recoverable so that the fuzz runs can suppress it
  # there by name (tests/fuzz/ubsan.supp) while it still halts everywhere else.
  if(CMAKE_CXX_COMPILER_ID MATCHES Clang)
    add_compile_options(-fno-sanitize=function -fsanitize-recover=pointer-overflow)
  endif()
endif()

# ThreadSanitizer, for the code that hands work to a thread of its own (scripts/tsan.sh); it cannot
# be combined with AddressSanitizer.
if(MSYNC_SANITIZE_THREAD)
  if(MSYNC_SANITIZE)
    message(FATAL_ERROR "MSYNC_SANITIZE_THREAD and MSYNC_SANITIZE cannot be on together")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# Asio and Beast are compiled once, in lib/asio_impl, instead of in every translation unit.
add_compile_definitions(
  BOOST_ASIO_SEPARATE_COMPILATION
  BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED
)
