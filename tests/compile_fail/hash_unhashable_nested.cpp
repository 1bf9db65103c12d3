// Must not compile: an unhashable type nested inside standard containers; the diagnostic names
// the inner type, not just the container.
#include "imlit/hash.hpp"

namespace app {
struct Opaque {
    void* handle = nullptr;
};
} // namespace app

int main() {
    std::map<std::string, std::vector<app::Opaque>> m;
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    return static_cast<int>(imlit::hash_args(imlit::unhashed(m)).lo & 1);
#else
    return static_cast<int>(imlit::hash_args(m).lo & 1);
#endif
}
