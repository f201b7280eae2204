"""The wiring that starts processes: the operator CLI, the rq worker, `./run`, the simulator.

Nothing imports this package but wsgi.py and itself: it sits above every channel, while
runtime/ (settings, the bootstrap of engine, Redis and clock) sits below them.
"""
