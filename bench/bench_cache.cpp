// Cache benchmarks (DESIGN §7):
//   BM_CacheHitVsBareProbe  a hit with a small argument and no widgets, against a bare XXH3
//                           (hash_args) + std::unordered_map probe of the same key; counter
//                           `ratio` = hit / bare (target: <= 4).
//   BM_ReplayVsDirect       a frame replaying N recorded text elements (args: N, display height
//                           in px) against a frame issuing the same imlit::text calls directly,
//                           and against raw wrapped-text Dear ImGui calls (what imlit::text
//                           issues); counters `ratio_vs_imlit`, `ratio_vs_imgui` (targets: <= 1.00
//                           at 900 px, <= 1.05 at 100,000 px). Whole frames of a production-like
//                           headless session (no AppTest element log), thread CPU time, the three
//                           modes alternating, medians.
//   BM_Overhead             bytes per recorded command and per entry (counters).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/hash.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/fonts.hpp"
#include "ui/seam.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Hash128Hasher {
    std::size_t operator()(const imlit::Hash128& h) const noexcept {
        return static_cast<std::size_t>(h.lo ^ (h.hi * 0x9E3779B97F4A7C15ull));
    }
};

void BM_CacheHitVsBareProbe(benchmark::State& state) {
    auto f = imlit::cache_data([](int x) { return x * 2; }, {.blocking = true});
    std::unordered_map<imlit::Hash128, std::shared_ptr<const int>, Hash128Hasher> bare;
    for (int i = 0; i < 64; ++i)
        bare.emplace(imlit::hash_args(i), std::make_shared<const int>(i));
    double hit_ns = 0, bare_ns = 0;
    imlit::testing::AppTest at([&] {
        for (int i = 0; i < 64; ++i)
            (void)f(i); // warm
        constexpr int kBatch = 1000;
        for (auto _ : state) {
            auto t0 = SteadyClock::now();
            for (int i = 0; i < kBatch; ++i) {
                auto v = f(i & 63);
                benchmark::DoNotOptimize(v);
            }
            auto t1 = SteadyClock::now();
            for (int i = 0; i < kBatch; ++i) {
                auto it = bare.find(imlit::hash_args(i & 63));
                std::shared_ptr<const int> v = it->second; // the hit also hands out a shared_ptr
                benchmark::DoNotOptimize(v);
            }
            auto t2 = SteadyClock::now();
            hit_ns += std::chrono::duration<double, std::nano>(t1 - t0).count() / kBatch;
            bare_ns += std::chrono::duration<double, std::nano>(t2 - t1).count() / kBatch;
        }
    });
    at.run();
    const double n = static_cast<double>(state.iterations());
    state.counters["hit_ns"] = hit_ns / n;
    state.counters["bare_ns"] = bare_ns / n;
    state.counters["ratio"] = hit_ns / bare_ns;
}
BENCHMARK(BM_CacheHitVsBareProbe)->Iterations(2000);

// A production-like headless session: its own Dear ImGui context with imlit's fonts, a real
// clock and no element log (AppTest logs every element for its queries, which an app does not).
class HeadlessApp {
public:
    explicit HeadlessApp(float height) {
        previous_ = ImGui::GetCurrentContext();
        context_ = ImGui::CreateContext();
        ImGui::SetCurrentContext(context_);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1280, height); // 100,000 px: nothing is culled off-screen
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; // as the OpenGL 3 backend
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        imlit::detail::load_fonts(16);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        session_ = imlit::detail::Session::create({});
    }
    ~HeadlessApp() {
        session_.reset();
        imlit::detail::set_fonts(imlit::detail::Fonts{});
        ImGui::DestroyContext(context_);
        ImGui::SetCurrentContext(previous_);
    }
    void frame(const std::function<void()>& body) {
        ImGui::NewFrame();
        session_->run_frame(body);
        ImGui::Render();
    }

private:
    ImGuiContext* previous_ = nullptr;
    ImGuiContext* context_ = nullptr;
    std::shared_ptr<imlit::detail::Session> session_;
};

double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) * 1e-3;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void BM_ReplayVsDirect(benchmark::State& state) {
    const auto elements = static_cast<int>(state.range(0));
    std::vector<std::string> lines;
    for (int i = 0; i < elements; ++i)
        lines.push_back("line " + std::to_string(i));
    auto f = imlit::cache_data(
        [&]() {
            for (const auto& l : lines)
                imlit::text(l);
            return 0;
        },
        {.blocking = true});
    HeadlessApp app(static_cast<float>(state.range(1)));
    // The same Dear ImGui calls imlit::text issues (wrapped text), made directly.
    const std::function<void()> raw = [&] {
        imlit::custom([&] {
            for (const auto& l : lines) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(l.data(), l.data() + l.size());
                ImGui::PopTextWrapPos();
            }
        });
    };
    const std::function<void()> direct = [&] {
        for (const auto& l : lines)
            imlit::text(l);
    };
    const std::function<void()> replay = [&] { (void)f(); };
    app.frame(replay); // records
    app.frame(replay);
    const std::function<void()>* modes[3] = {&replay, &direct, &raw};
    std::vector<double> us[3];
    for (auto _ : state) {
        for (int mode = 0; mode < 3; ++mode) {
            const double t0 = thread_cpu_us();
            app.frame(*modes[mode]);
            us[mode].push_back(thread_cpu_us() - t0);
        }
    }
    const double m[3] = {median(us[0]), median(us[1]), median(us[2])};
    state.counters["replay_us"] = m[0];
    state.counters["imlit_direct_us"] = m[1];
    state.counters["imgui_direct_us"] = m[2];
    state.counters["ratio_vs_imlit"] = m[0] / m[1];
    state.counters["ratio_vs_imgui"] = m[0] / m[2];
}
BENCHMARK(BM_ReplayVsDirect)
    ->Args({1000, 900})
    ->Args({10000, 900})
    ->Args({1000, 100000})
    ->Args({10000, 100000})
    ->Iterations(200);

void BM_Overhead(benchmark::State& state) {
    for (auto _ : state) {
        imlit::detail::Recording rec(imlit::detail::Site{});
        const std::size_t empty = rec.byte_size();
        {
            imlit::testing::AppTest at([&] {
                imlit::detail::RecordScope scope(rec, {"bench", true});
                for (int i = 0; i < 1000; ++i)
                    imlit::text("line");
            });
            at.run();
        }
        state.counters["bytes_per_command"] =
            static_cast<double>(rec.byte_size() - empty) / static_cast<double>(rec.size());
        auto f = imlit::cache_data([](int x) { return x; }, {.blocking = true});
        for (int i = 0; i < 1000; ++i)
            (void)f(i);
        state.counters["bytes_per_int_entry"] =
            static_cast<double>(f.stats().bytes) / static_cast<double>(f.stats().entries);
    }
}
BENCHMARK(BM_Overhead)->Iterations(1);

} // namespace
