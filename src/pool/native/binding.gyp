{
  "targets": [
    {
      "target_name": "caplab_pool",
      "sources": ["caplab_pool.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
