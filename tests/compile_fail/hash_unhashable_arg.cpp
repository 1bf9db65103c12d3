// Must not compile: a cache-key argument of a type with no hash_append.
#include "imlit/hash.hpp"

namespace app {
struct NotHashableWidget {
    int x = 0;
};
#ifdef IMLIT_COMPILE_FAIL_CONTROL
inline void hash_append(imlit::Hasher& h, const NotHashableWidget& w) {
    h(w.x);
}
#endif
} // namespace app

int main() {
    return static_cast<int>(imlit::hash_args(1, app::NotHashableWidget{}).lo & 1);
}
