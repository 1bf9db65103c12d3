// imlit internal — serialising cache_data values for Persist::disk (cereal binary archives).
//
// What users need to know is in cache.hpp (DataOptions::persist): a value type is persistable
// when cereal can save and load it with a binary archive (the standard containers, strings,
// arithmetic types, imlit::Table and imlit::Texture here; any type of yours with a
// `serialize(Archive&)` member or free function) and it is default-constructible.
//
// Index
//   [SECTION] cereal support for imlit types
//   [SECTION] Streams over strings (no copies)
//   [SECTION] Persistable
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <streambuf>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <cereal/archives/binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/chrono.hpp>
#include <cereal/types/complex.hpp>
#include <cereal/types/deque.hpp>
#include <cereal/types/list.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/memory.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/set.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/tuple.hpp>
#include <cereal/types/unordered_map.hpp>
#include <cereal/types/unordered_set.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>

#include "imlit/ui.hpp"

namespace imlit {

// [SECTION] cereal support for imlit types ------------------------------------------------------

namespace detail {
// A Texture's pixels (empty span when it holds none) and size; a Texture made from them.
std::span<const std::uint8_t> texture_pixels(const Texture& t, int& width, int& height);
} // namespace detail

template <class Archive>
void serialize(Archive& ar, Table::Column& c) {
    ar(c.name, c.values);
}
template <class Archive>
void serialize(Archive& ar, Table& t) {
    ar(t.columns);
}
// A Texture is saved as its pixels; one that failed to load (or is empty) loads as empty.
template <class Archive>
void save(Archive& ar, const Texture& t) {
    int w = 0, h = 0;
    const std::span<const std::uint8_t> px = detail::texture_pixels(t, w, h);
    ar(w, h, cereal::make_size_tag(static_cast<cereal::size_type>(px.size())));
    ar(cereal::binary_data(px.data(), px.size()));
}
template <class Archive>
void load(Archive& ar, Texture& t) {
    int w = 0, h = 0;
    cereal::size_type n = 0;
    ar(w, h, cereal::make_size_tag(n));
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n));
    ar(cereal::binary_data(px.data(), px.size()));
    t = px.empty() ? Texture() : Texture::from_rgba(w, h, px);
}

namespace detail {

// [SECTION] Streams over strings (no copies) -------------------------------------------------

// Appends everything written to `out`.
class StringSink : public std::streambuf {
public:
    explicit StringSink(std::string& out) : out_(out) {}

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        out_.append(s, static_cast<std::size_t>(n));
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) out_.push_back(static_cast<char>(c));
        return traits_type::not_eof(c);
    }

private:
    std::string& out_;
};

// Reads `bytes` in place (they must outlive the stream).
class ViewSource : public std::streambuf {
public:
    explicit ViewSource(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data()); // read only: streambuf's API is not const
        setg(p, p, p + bytes.size());
    }
};

// [SECTION] Persistable ------------------------------------------------------------------------

// cereal's own traits look one level deep: std::vector<T> "is serializable" whatever T is, and
// instantiating its save then fails to compile. So the standard containers cereal supports are
// looked through to their element types (a cache_data of a type cereal cannot save must still
// compile when it is not persisted).
template <class T>
struct persistable_elements : std::true_type {};
template <class T>
inline constexpr bool persistable_v = std::is_default_constructible_v<T>&&
    cereal::traits::is_output_serializable<T, cereal::BinaryOutputArchive>::value&&
        cereal::traits::is_input_serializable<T, cereal::BinaryInputArchive>::value&&
            persistable_elements<T>::value;
template <class... Ts>
inline constexpr bool all_persistable_v = (persistable_v<Ts> && ...);
template <class T, class A>
struct persistable_elements<std::vector<T, A>> : std::bool_constant<persistable_v<T>> {};
template <class T, class A>
struct persistable_elements<std::deque<T, A>> : std::bool_constant<persistable_v<T>> {};
template <class T, class A>
struct persistable_elements<std::list<T, A>> : std::bool_constant<persistable_v<T>> {};
template <class T, std::size_t N>
struct persistable_elements<std::array<T, N>> : std::bool_constant<persistable_v<T>> {};
template <class T>
struct persistable_elements<std::optional<T>> : std::bool_constant<persistable_v<T>> {};
template <class T>
struct persistable_elements<std::shared_ptr<T>>
    : std::bool_constant<persistable_v<std::remove_const_t<T>>> {};
template <class T, class D>
struct persistable_elements<std::unique_ptr<T, D>>
    : std::bool_constant<persistable_v<std::remove_const_t<T>>> {};
template <class A, class B>
struct persistable_elements<std::pair<A, B>> : std::bool_constant<all_persistable_v<A, B>> {};
template <class... Ts>
struct persistable_elements<std::tuple<Ts...>> : std::bool_constant<all_persistable_v<Ts...>> {};
template <class... Ts>
struct persistable_elements<std::variant<Ts...>> : std::bool_constant<all_persistable_v<Ts...>> {};
template <class K, class V, class C, class A>
struct persistable_elements<std::map<K, V, C, A>> : std::bool_constant<all_persistable_v<K, V>> {};
template <class K, class V, class H, class E, class A>
struct persistable_elements<std::unordered_map<K, V, H, E, A>>
    : std::bool_constant<all_persistable_v<K, V>> {};
template <class K, class C, class A>
struct persistable_elements<std::set<K, C, A>> : std::bool_constant<persistable_v<K>> {};
template <class K, class H, class E, class A>
struct persistable_elements<std::unordered_set<K, H, E, A>> : std::bool_constant<persistable_v<K>> {
};

} // namespace detail
} // namespace imlit
