# Ingest: sources feeding named series (pipes, UDP on 127.0.0.1, replay, demo). No GPU.
rp_add_unit_test(test_ingest test_ingest.c)
# Serial ports against pseudo-terminal pairs (openpty): no device needed.
rp_add_unit_test(test_serial_port test_serial_port.c)
