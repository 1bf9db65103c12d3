// Must not compile: cache_data<Persist::disk> of a value type cereal cannot serialise.
#include "imlit/cache.hpp"

namespace app {
struct Opaque {
    int x = 0;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    template <class Archive>
    void serialize(Archive& ar) {
        ar(x);
    }
#endif
};
} // namespace app

int main() {
    auto f = imlit::cache_data<imlit::Persist::disk>([](int x) { return app::Opaque{x}; },
                                                     {.name = "opaque"});
    return f.name().empty() ? 1 : 0;
}
