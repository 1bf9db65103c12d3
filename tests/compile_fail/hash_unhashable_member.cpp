// Must not compile: a user hash_append that appends a member of an unhashable type.
#include "imlit/hash.hpp"

namespace app {
struct Handle {
    int fd = -1;
};
struct Document {
    std::string name;
    Handle handle;
    int generation = 0;
};
inline void hash_append(imlit::Hasher& h, const Document& d) {
#ifdef IMLIT_COMPILE_FAIL_CONTROL
    h(d.name, imlit::keyed(d.handle, d.generation));
#else
    h(d.name, d.handle);
#endif
}
} // namespace app

int main() {
    return static_cast<int>(imlit::hash_value(app::Document{}).lo & 1);
}
