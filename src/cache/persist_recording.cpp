// imlit cache internals — recordings as data, for Persist::disk (see persist_format.hpp):
// every command is written as a tag and its fields (strings, tables, a texture's pixels, a
// chart's series and options, a status box's last state); custom() closures and placeholders
// cannot be, and make the entry memory-only. Reading one back appends each command to a new
// Recording, which copies it into its own arena exactly as recording the loader's output did.
//
// Index
//   [SECTION] Recordings: saving
//   [SECTION] Recordings: loading
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <variant>

#include "cache/persist_format.hpp"
#include "imlit/detail/persist_codec.hpp"
#include "ui/chart_model.hpp"
#include "ui/command.hpp"
#include "ui/context.hpp"
#include "ui/texture.hpp"

namespace imlit::detail {

std::span<const std::uint8_t> texture_pixels(const Texture& t, int& width, int& height) {
    const TextureData* d = t.data();
    width = d ? d->width : 0;
    height = d ? d->height : 0;
    if (!d || d->rgba.empty()) return {};
    return d->rgba;
}

// [SECTION] Recordings: saving -------------------------------------------------------------------

namespace {

// Command tags on disk (independent of the Command variant's order).
enum class Tag : std::uint8_t {
    text = 1,
    callout,
    markdown,
    code,
    exception,
    separator,
    progress,
    spinner,
    metric,
    image,
    table,
    chart,
    widget,
    begin,
    end,
    last = end,
};

template <class E>
std::uint8_t u8_of(E e) {
    return static_cast<std::uint8_t>(e);
}

void save_table(ByteWriter& w, const Table& t) {
    w.u64(t.columns.size());
    for (const auto& c : t.columns) {
        w.str(c.name);
        if (const auto* s = std::get_if<std::vector<std::string>>(&c.values)) {
            w.u8(0);
            w.u64(s->size());
            for (const auto& x : *s)
                w.str(x);
        } else {
            const auto& d = std::get<std::vector<double>>(c.values);
            w.u8(1);
            w.u64(d.size());
            for (double x : d)
                w.f64(x);
        }
    }
}

// A list of doubles as one length-prefixed run of bytes (series can hold millions of points).
void save_doubles(ByteWriter& w, std::span<const double> v) {
    w.str(std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double)));
}

// Every field of Series and ChartSpec is saved: a field added to either must be added to
// save_chart/load_chart (and kFormatVersion raised), or charts would come back without it.
struct SeriesFieldsSaved { // Series' fields as save_chart knows them
    std::string name;
    std::vector<double> y, x;
    std::optional<Color> color;
    float point_size;
};
static_assert(sizeof(Series) == sizeof(SeriesFieldsSaved),
              "Series changed: save the new field in save_chart/load_chart");
static_assert(sizeof(ChartSpec) == 136, "ChartSpec changed: save the new field in save_chart/"
                                        "load_chart and raise kFormatVersion");

// A chart: its series (values, colour, point size) and its whole spec. The prepared data is
// not saved: appending the loaded command prepares it again (intern_chart), as recording did.
// Shared series (SharedSeries) are saved as values; they come back as the recording's own copy.
void save_chart(ByteWriter& w, const ChartCmd& c) {
    w.u64(c.series.size());
    for (const Series& s : c.series) {
        w.str(s.name);
        save_doubles(w, s.y);
        save_doubles(w, s.x);
        w.u8(s.color ? 1 : 0); // unset: the palette's colour, after a restart too
        const Color color = s.color.value_or(Color{});
        w.f32(color.r);
        w.f32(color.g);
        w.f32(color.b);
        w.f32(color.a);
        w.f32(s.point_size);
    }
    const ChartSpec& spec = *c.spec;
    w.u8(u8_of(spec.kind));
    w.str(spec.key);
    w.str(spec.title);
    w.f32(spec.height);
    w.str(spec.x_label);
    w.str(spec.y_label);
    w.boolean(spec.legend);
    w.boolean(spec.interactive);
    w.boolean(spec.stacked);
    w.f32(spec.point_size);
    w.i64(spec.bins);
    save_doubles(w, spec.edges);
    w.i64(spec.max_bins);
    w.u64(spec.categories.size());
    for (const std::string& cat : spec.categories)
        w.str(cat);
}

void save_widget(ByteWriter& w, const WidgetCmd& c) {
    w.u8(u8_of(c.kind));
    w.boolean(c.framework);
    w.u64(c.fixed_id);
    w.str(c.label);
    w.str(c.key);
    w.str(c.help);
    w.boolean(c.disabled);
    w.boolean(c.def_bool);
    w.f64(c.def_num);
    w.f64(c.def_num2);
    w.f64(c.min);
    w.f64(c.max);
    w.boolean(c.has_min);
    w.boolean(c.has_max);
    w.f64(c.step);
    w.str(c.format);
    w.str(c.def_text);
    w.str(c.placeholder);
    w.boolean(c.multiline);
    w.boolean(c.password);
    w.u64(c.max_chars);
    w.f32(c.height);
    w.u64(c.options.size());
    for (std::string_view o : c.options)
        w.str(o);
    w.u64(c.def_index);
    w.boolean(c.horizontal);
    w.u64(c.def_indices.size());
    for (std::size_t i : c.def_indices)
        w.u64(i);
    w.str(c.bad_default);
    w.u64(c.max_selections);
    w.f32(c.def_color.r);
    w.f32(c.def_color.g);
    w.f32(c.def_color.b);
    w.f32(c.def_color.a);
    w.boolean(c.alpha);
    for (const Date& d : {c.def_date, c.min_date, c.max_date}) {
        w.i64(d.year);
        w.i64(d.month);
        w.i64(d.day);
    }
    w.str(c.usage_error);
}

void save_begin(ByteWriter& w, const BeginCmd& b) {
    w.u8(u8_of(b.kind));
    w.boolean(b.flag);
    w.u32(b.index);
    w.str(b.label);
    w.str(b.key);
    w.u64(b.site);
    w.u64(b.weights.size());
    for (float x : b.weights)
        w.f32(x);
    w.u64(b.labels.size());
    for (std::string_view l : b.labels)
        w.str(l);
    w.u64(b.group);
    w.boolean(b.status != nullptr);
    if (b.status) {
        const StatusCell::State s = b.status->get();
        w.str(s.label);
        w.u8(u8_of(s.state));
        w.boolean(s.expanded);
    }
}

} // namespace

std::string save_recording(const Recording& rec, std::string& out) {
    ByteWriter w(out);
    const std::size_t n = rec.size();
    w.u64(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::string refused;
        std::visit(
            [&](const auto& c) {
                using T = std::decay_t<decltype(c)>;
                static_cast<void>(c); // not every alternative has fields
                if constexpr (std::is_same_v<T, TextCmd>) {
                    w.u8(u8_of(Tag::text));
                    w.u8(u8_of(c.style));
                    w.str(c.text);
                } else if constexpr (std::is_same_v<T, CalloutCmd>) {
                    w.u8(u8_of(Tag::callout));
                    w.u8(u8_of(c.kind));
                    w.str(c.text);
                } else if constexpr (std::is_same_v<T, MarkdownCmd>) {
                    w.u8(u8_of(Tag::markdown));
                    w.str(c.source);
                } else if constexpr (std::is_same_v<T, CodeCmd>) {
                    w.u8(u8_of(Tag::code));
                    w.str(c.source);
                    w.str(c.language);
                } else if constexpr (std::is_same_v<T, ExceptionCmd>) {
                    w.u8(u8_of(Tag::exception));
                    w.str(c.type);
                    w.str(c.what);
                } else if constexpr (std::is_same_v<T, SeparatorCmd>) {
                    w.u8(u8_of(Tag::separator));
                } else if constexpr (std::is_same_v<T, ProgressCmd>) {
                    w.u8(u8_of(Tag::progress));
                    w.f32(c.fraction);
                    w.str(c.text);
                } else if constexpr (std::is_same_v<T, SpinnerCmd>) {
                    w.u8(u8_of(Tag::spinner));
                    w.str(c.text);
                    w.f64(c.elapsed);
                } else if constexpr (std::is_same_v<T, const MetricCmd*>) {
                    w.u8(u8_of(Tag::metric));
                    w.str(c->label);
                    w.str(c->value);
                    w.str(c->delta);
                    w.u8(u8_of(c->delta_color));
                } else if constexpr (std::is_same_v<T, ImageCmd>) {
                    int tw = 0, th = 0;
                    const auto px = texture_pixels(*c.texture, tw, th);
                    if (px.empty()) {
                        refused = "an image that holds no pixels";
                        return;
                    }
                    w.u8(u8_of(Tag::image));
                    w.i64(tw);
                    w.i64(th);
                    w.str(std::string_view(reinterpret_cast<const char*>(px.data()), px.size()));
                    w.f32(c.size.width);
                    w.f32(c.size.height);
                } else if constexpr (std::is_same_v<T, TableCmd>) {
                    w.u8(u8_of(Tag::table));
                    save_table(w, *c.table);
                    w.f32(c.options.height);
                    w.i64(c.options.number_precision);
                } else if constexpr (std::is_same_v<T, ChartCmd>) {
                    w.u8(u8_of(Tag::chart));
                    save_chart(w, c);
                } else if constexpr (std::is_same_v<T, const WidgetCmd*>) {
                    w.u8(u8_of(Tag::widget));
                    save_widget(w, *c);
                } else if constexpr (std::is_same_v<T, const BeginCmd*>) {
                    w.u8(u8_of(Tag::begin));
                    save_begin(w, *c);
                } else if constexpr (std::is_same_v<T, EndCmd>) {
                    w.u8(u8_of(Tag::end));
                } else if constexpr (std::is_same_v<T, CustomCmd>) {
                    refused = "custom()";
                } else if constexpr (std::is_same_v<T, SlotCmd>) {
                    refused = "a placeholder";
                } else {
                    refused = "a command kind the disk format does not know";
                }
            },
            rec.impl().at(i));
        if (!refused.empty()) return refused;
    }
    return {};
}

// [SECTION] Recordings: loading ------------------------------------------------------------------

namespace {

Table load_table(ByteReader& r) {
    Table t;
    t.columns.resize(r.count(9));
    for (auto& c : t.columns) {
        c.name = std::string(r.str());
        const std::uint8_t kind = r.u8();
        if (kind == 0) {
            std::vector<std::string> v(r.count(8));
            for (auto& x : v)
                x = std::string(r.str());
            c.values = std::move(v);
        } else if (kind == 1) {
            std::vector<double> v(r.count(8));
            for (double& x : v)
                x = r.f64();
            c.values = std::move(v);
        } else {
            throw FormatError("a bad table column");
        }
    }
    return t;
}

std::vector<double> load_doubles(ByteReader& r) {
    const std::string_view b = r.str();
    if (b.size() % sizeof(double) != 0) throw FormatError("a list of numbers of a bad length");
    std::vector<double> v(b.size() / sizeof(double));
    if (!v.empty()) std::memcpy(v.data(), b.data(), b.size());
    return v;
}

int load_int(ByteReader& r) {
    const std::int64_t v = r.i64();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        throw FormatError("a number out of range");
    return static_cast<int>(v);
}

float load_size(ByteReader& r) {
    const float v = r.f32();
    if (!std::isfinite(v) || v < 0) throw FormatError("a size that is not a finite number >= 0");
    return v;
}

// A chart's series and spec (the spec's strings view the file's bytes, its edges and
// categories the vectors given; appending the command copies them all).
std::vector<Series> load_chart(ByteReader& r, ChartSpec& spec, std::vector<double>& edges,
                               std::vector<std::string>& categories) {
    // three lengths, whether a colour is set, the colour, the point size
    constexpr std::size_t kMinSeriesBytes = 3 * 8 + 1 + 5 * 4;
    std::vector<Series> series(r.count(kMinSeriesBytes));
    for (Series& s : series) {
        s.name = std::string(r.str());
        s.y = load_doubles(r);
        s.x = load_doubles(r);
        const bool has_color = r.u8() != 0;
        Color color;
        color.r = r.f32();
        color.g = r.f32();
        color.b = r.f32();
        color.a = r.f32();
        if (has_color) s.color = color;
        s.point_size = load_size(r);
    }
    spec.kind = r.enumeration(ChartKind::histogram);
    spec.key = r.str();
    spec.title = r.str();
    spec.height = load_size(r);
    spec.x_label = r.str();
    spec.y_label = r.str();
    spec.legend = r.boolean();
    spec.interactive = r.boolean();
    spec.stacked = r.boolean();
    spec.point_size = load_size(r);
    spec.bins = load_int(r);
    edges = load_doubles(r);
    spec.edges = edges;
    spec.max_bins = load_int(r);
    categories.resize(r.count(8));
    for (std::string& cat : categories)
        cat = std::string(r.str());
    spec.categories = categories;
    return series;
}

Date load_date(ByteReader& r) {
    Date d;
    d.year = static_cast<int>(r.i64());
    d.month = static_cast<int>(r.i64());
    d.day = static_cast<int>(r.i64());
    return d;
}

// The strings and arrays a WidgetCmd / BeginCmd views while it is appended (append copies them).
struct Scratch {
    std::vector<std::string_view> views;
    std::vector<std::size_t> indices;
    std::vector<float> floats;
};

// A list of strings, as views into the file's bytes kept in `out`.
std::span<const std::string_view> read_views(ByteReader& r, std::vector<std::string_view>& out) {
    out.resize(r.count(8));
    for (auto& v : out)
        v = r.str();
    return out;
}

WidgetCmd load_widget(ByteReader& r, Scratch& s) {
    WidgetCmd c;
    c.kind = r.enumeration(WidgetKind::range_slider_double);
    c.framework = r.boolean();
    c.fixed_id = r.u64();
    c.label = r.str();
    c.key = r.str();
    c.help = r.str();
    c.disabled = r.boolean();
    c.def_bool = r.boolean();
    c.def_num = r.f64();
    c.def_num2 = r.f64();
    c.min = r.f64();
    c.max = r.f64();
    c.has_min = r.boolean();
    c.has_max = r.boolean();
    c.step = r.f64();
    c.format = r.str();
    c.def_text = r.str();
    c.placeholder = r.str();
    c.multiline = r.boolean();
    c.password = r.boolean();
    c.max_chars = r.u64();
    c.height = r.f32();
    c.options = read_views(r, s.views);
    c.def_index = r.u64();
    c.horizontal = r.boolean();
    s.indices.resize(r.count(8));
    for (auto& i : s.indices)
        i = r.u64();
    c.def_indices = s.indices;
    c.bad_default = r.str();
    c.max_selections = r.u64();
    c.def_color = {r.f32(), r.f32(), r.f32(), r.f32()};
    c.alpha = r.boolean();
    c.def_date = load_date(r);
    c.min_date = load_date(r);
    c.max_date = load_date(r);
    c.usage_error = r.str();
    return c;
}

BeginCmd load_begin(ByteReader& r, Scratch& s, std::shared_ptr<StatusCell>& status) {
    BeginCmd b;
    b.kind = r.enumeration(ContainerKind::tab);
    if (b.kind == ContainerKind::root) throw FormatError("a root container in a recording");
    b.flag = r.boolean();
    b.index = r.u32();
    b.label = r.str();
    b.key = r.str();
    b.site = r.u64();
    s.floats.resize(r.count(4));
    for (float& x : s.floats)
        x = r.f32();
    b.weights = s.floats;
    b.labels = read_views(r, s.views);
    b.group = r.u64();
    if (r.boolean()) {
        status = std::make_shared<StatusCell>();
        status->state.label = std::string(r.str());
        status->state.state = r.enumeration(StatusState::error);
        status->state.expanded = r.boolean();
        b.status = status.get();
    }
    return b;
}

} // namespace

std::shared_ptr<Recording> load_recording(std::string_view bytes, Site site,
                                          std::vector<WidgetRead> reads) {
    auto rec = std::make_shared<Recording>(site);
    Recording::Impl& impl = rec->impl();
    ByteReader r(bytes);
    const std::size_t n = r.count(1);
    std::size_t depth = 0;
    Scratch scratch;
    for (std::size_t i = 0; i < n; ++i) {
        const Tag tag = r.enumeration(Tag::last);
        switch (tag) {
        case Tag::text: {
            const TextStyle style = r.enumeration(TextStyle::caption);
            impl.append(TextCmd{style, r.str()});
            break;
        }
        case Tag::callout: {
            const CalloutKind kind = r.enumeration(CalloutKind::error);
            impl.append(CalloutCmd{kind, r.str()});
            break;
        }
        case Tag::markdown:
            impl.append(MarkdownCmd{r.str(), nullptr}); // parsed again when appended
            break;
        case Tag::code: {
            const std::string_view source = r.str();
            impl.append(CodeCmd{source, r.str()});
            break;
        }
        case Tag::exception: {
            const std::string_view type = r.str();
            impl.append(ExceptionCmd{type, r.str()});
            break;
        }
        case Tag::separator:
            impl.append(SeparatorCmd{});
            break;
        case Tag::progress: {
            const float fraction = r.f32();
            impl.append(ProgressCmd{fraction, r.str()});
            break;
        }
        case Tag::spinner: {
            const std::string_view text = r.str();
            impl.append(SpinnerCmd{text, r.f64()});
            break;
        }
        case Tag::metric: {
            MetricCmd m;
            m.label = r.str();
            m.value = r.str();
            m.delta = r.str();
            m.delta_color = r.enumeration(DeltaColor::off);
            impl.append(&m);
            break;
        }
        case Tag::image: {
            const std::int64_t w = r.i64(), h = r.i64();
            const std::string_view px = r.str();
            if (w <= 0 || h <= 0 || w > (1 << 16) || h > (1 << 16) ||
                px.size() != static_cast<std::uint64_t>(w * h * 4))
                throw FormatError("an image whose size does not match its pixels");
            const Texture t =
                Texture::from_rgba(static_cast<int>(w), static_cast<int>(h),
                                   {reinterpret_cast<const std::uint8_t*>(px.data()), px.size()});
            Size size;
            size.width = r.f32();
            size.height = r.f32();
            impl.append(ImageCmd{&t, size});
            break;
        }
        case Tag::table: {
            const Table t = load_table(r);
            TableOptions o;
            o.height = r.f32();
            o.number_precision = static_cast<int>(r.i64());
            impl.append(TableCmd{&t, o});
            break;
        }
        case Tag::chart: {
            ChartSpec spec;
            std::vector<double> edges;
            std::vector<std::string> categories;
            const std::vector<Series> series = load_chart(r, spec, edges, categories);
            impl.append(ChartCmd{.series = series, .spec = &spec}); // interned (copied) here
            break;
        }
        case Tag::widget: {
            const WidgetCmd w = load_widget(r, scratch);
            impl.append(&w);
            break;
        }
        case Tag::begin: {
            std::shared_ptr<StatusCell> status; // shared by the recording from here on
            const BeginCmd b = load_begin(r, scratch, status);
            impl.append(&b);
            ++depth;
            break;
        }
        case Tag::end:
            if (depth == 0) throw FormatError("a container end without a begin");
            --depth;
            impl.append(EndCmd{});
            break;
        default:
            throw FormatError("an unknown command");
        }
    }
    if (depth != 0) throw FormatError("a container left open");
    if (r.left() != 0) throw FormatError("bytes after the recording");
    for (WidgetRead& read : reads)
        rec->add_read(std::move(read));
    return rec;
}

} // namespace imlit::detail
