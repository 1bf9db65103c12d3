// imlit internals — a widget's value as short readable text, for the cache inspector and
// f.entries() (R17): `0.5`, `"fast"`, `true`, `2024-03-01`. Made once when a loader reads the
// widget (the value is at hand then), kept in the WidgetRead, never on the per-frame path.
#pragma once

#include <cstddef>
#include <string>

#include "ui/command.hpp"

namespace imlit::detail {

// Texts longer than this are cut and end in "..." (a pasted text); a long list keeps the items
// that fit in it and ends in "... of N]" (a huge selection).
inline constexpr std::size_t kMaxValueText = 48;

// `v` as the widget `w` shows it: option texts for selectbox/radio/multiselect, quoted strings,
// "(hidden)" for password inputs, #rrggbbaa for colours, YYYY-MM-DD for dates, (low, high)
// for ranges, numbers in their shortest exact form.
std::string widget_value_text(const WidgetCmd& w, const WidgetValue& v);

} // namespace imlit::detail
