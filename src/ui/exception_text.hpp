// imlit internal — the text shown for an exception of any type (a loader's failure, a frame
// function's exception, an on_release that threw).
#pragma once

#include <exception>
#include <string>

namespace imlit::detail {

// std::exception (and derived): what(). A C string or std::string: its value and the type
// ("boom (thrown as const char*)"). An arithmetic value: "42 (thrown as int)". Anything else:
// "an exception of type ns::Custom (not a std::exception)", the type name demangled.
std::string describe_exception(const std::exception_ptr& e);

} // namespace imlit::detail
