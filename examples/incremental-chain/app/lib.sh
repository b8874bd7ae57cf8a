greet() {
  echo "hello from the $1"
}
