// imlit — the text of an exception of any type. See exception_text.hpp.
#include "ui/exception_text.hpp"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <string_view>
#include <typeinfo>

#include <fmt/format.h>

namespace imlit::detail {
namespace {

// The demangled name of a mangled type name (the mangled one when demangling fails).
std::string demangle(const char* mangled) {
    if (mangled == nullptr) return "an unknown type";
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(
        abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(mangled);
}

// The type of the exception being handled (inside a catch block).
std::string current_type_name() {
    const std::type_info* t = abi::__cxa_current_exception_type();
    return t ? demangle(t->name()) : std::string("an unknown type");
}

// "value (thrown as type)"; `type` is the thrown type's readable name (std::string's demangled
// name is its full template: std::__cxx11::basic_string<char, ...>).
template <class T>
std::string valued(const T& v, std::string_view type) {
    return fmt::format("{} (thrown as {})", v, type);
}
template <class T>
std::string valued(const T& v) {
    return valued(v, current_type_name());
}

} // namespace

std::string describe_exception(const std::exception_ptr& e) {
    if (!e) return "no exception";
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    } catch (const char* s) {
        return valued(s ? s : "(null)", current_type_name());
    } catch (const std::string& s) {
        return valued(s, "std::string");
    } catch (const std::string_view& s) {
        return valued(s, "std::string_view");
    } catch (bool b) {
        return valued(b);
    } catch (char c) {
        return valued(static_cast<int>(c));
    } catch (int v) {
        return valued(v);
    } catch (long v) {
        return valued(v);
    } catch (long long v) {
        return valued(v);
    } catch (unsigned v) {
        return valued(v);
    } catch (unsigned long v) {
        return valued(v);
    } catch (unsigned long long v) {
        return valued(v);
    } catch (float v) {
        return valued(v);
    } catch (double v) {
        return valued(v);
    } catch (...) {
        return fmt::format("an exception of type {} (not a std::exception)", current_type_name());
    }
}

} // namespace imlit::detail
