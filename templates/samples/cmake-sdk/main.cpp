// hello prints a greeting; the runtime image runs it as its entrypoint.
#include <iostream>

int main() {
  std::cout << "hello from hello" << std::endl;
  return 0;
}
