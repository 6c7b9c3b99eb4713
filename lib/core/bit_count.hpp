#pragma once
// Set bits in a 16-bit mask (an SSE2 movemask). The build targets baseline x86-64, which has no
// POPCNT instruction, so __builtin_popcount and std::popcount become a call into libgcc
// (__popcountdi2), which showed in profiles of the hot loops; this is a handful of inline
// instructions instead.
namespace msync::core {

constexpr unsigned count_bits16(unsigned mask) {
  mask = mask - ((mask >> 1) & 0x5555u);
  mask = (mask & 0x3333u) + ((mask >> 2) & 0x3333u);
  mask = (mask + (mask >> 4)) & 0x0f0fu;
  return (mask + (mask >> 8)) & 0x1fu;
}

static_assert(count_bits16(0) == 0 && count_bits16(0xffffu) == 16 && count_bits16(0x8001u) == 2 &&
              count_bits16(0x1234u) == 5);

}  // namespace msync::core
