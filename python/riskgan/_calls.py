"""_calls.py — a long library call on a worker thread (ctypes releases the GIL during it), so
that Ctrl-C reaches Python: the call's stop flag is raised, the library stops cleanly, and
KeyboardInterrupt is raised once it has."""
import threading


def run_stoppable(call, stop, on_interrupt=None):
    """Runs call() -> (status, error text) on a worker thread; on Ctrl-C sets stop.value = 1,
    waits for the call to end, runs on_interrupt() (frees what it made) and re-raises."""
    result = {}

    def run():  # the library's last error is per thread: the call reads it on the worker
        result["status"], result["error"] = call()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        stop.value = 1
        worker.join()
        if on_interrupt:
            on_interrupt()
        raise
    return result["status"], result["error"]
