#!/usr/bin/env python3
"""check_structure.py - the house rules of src/, checked by CI.

A module is a .c file with its .h (src/data/table.c + table.h). Module A depends on B when
A's .c or .h includes B's header. Three rules:
  1. no include runs upward: a room (a folder of src/) includes only its own files and the
     rooms below it in ROOMS; the command line (cli/) includes none but its own and riskgan.h;
  2. no circle: the modules' dependency graph is acyclic (within a room too);
  3. a header declares only functions its own .c defines, so that including a header is
     depending on that one module (a header without a .c declares no functions);
  4. no function is longer than MAX_FUNCTION_LINES lines, and every file opens with a comment
     saying what it is for.
Prints every violation and exits 1, else prints the graph's size and exits 0.
Usage: scripts/check_structure.py [SRC_DIR]   (--dot prints the room graph for docs)
"""
import os
import re
import sys

# Bottom to top; a room may include the rooms listed before it.
ROOMS = ["core", "privacy", "data", "nn", "transform", "learn", "credit", "models", "eval",
         "risk", "market", "detect", "relational", "serve", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def modules(src):
    """Maps module name (room/stem) to the list of its files."""
    found = {}
    for room in os.listdir(src):
        folder = os.path.join(src, room)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            stem, ext = os.path.splitext(name)
            if ext in (".c", ".h"):
                found.setdefault(f"{room}/{stem}", []).append(os.path.join(folder, name))
    return found


def dependencies(src, found):
    """Maps module to the set of modules whose headers it includes."""
    edges = {m: set() for m in found}
    for module, files in found.items():
        room = module.split("/")[0]
        for path in files:
            with open(path, encoding="utf-8") as handle:
                for target in INCLUDE.findall(handle.read()):
                    if target == "riskgan.h":
                        continue
                    resolved = os.path.normpath(os.path.join(room, target))
                    stem = os.path.splitext(resolved)[0]
                    if stem in found and stem != module:
                        edges[module].add(stem)
    return edges


def upward(edges):
    problems = []
    for module, targets in sorted(edges.items()):  # the command line uses the public API only
        if module.startswith("cli/"):
            problems += [f"the command line includes a library header: {module} -> {t}"
                         for t in sorted(targets) if not t.startswith("cli/")]
    for module, targets in sorted(edges.items()):
        room = module.split("/")[0]
        for target in sorted(targets):
            other = target.split("/")[0]
            if other == room:
                continue
            if room not in ROOMS or other not in ROOMS:
                problems.append(f"room not in the order of scripts/check_structure.py: {module} -> {target}")
            elif ROOMS.index(other) > ROOMS.index(room):
                problems.append(f"upward include: {module} -> {target}")
    return problems


def circles(edges):
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter[0]; counter[0] += 1
        stack.append(root); on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]; counter[0] += 1
                    stack.append(child); on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop(); on_stack.discard(member); component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return [f"circle: {' <-> '.join(c)}" for c in result]


DECLARATION = re.compile(r'^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\([^;{]*?\)\s*;', re.M | re.S)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def declared_elsewhere(found):
    """Functions a header declares that its module's .c does not define."""
    problems = []
    for module, files in sorted(found.items()):
        header = [f for f in files if f.endswith(".h")]
        source = [f for f in files if f.endswith(".c")]
        if not header:
            continue
        with open(header[0], encoding="utf-8") as handle:
            text = COMMENT.sub("", handle.read())
        text = re.sub(r'typedef[^;]*;', '', text)
        names = [n for n in DECLARATION.findall(text) if n not in ("defined",)]
        body = ""
        if source:
            with open(source[0], encoding="utf-8") as handle:
                body = COMMENT.sub("", handle.read())
        for name in names:
            if not re.search(r'^[A-Za-z_][^;(]*\b' + name + r'\s*\([^;]*?\)\s*\{', body, re.M | re.S):
                where = os.path.relpath(source[0]) if source else "no .c of its own"
                problems.append(f"{os.path.relpath(header[0])} declares {name}, not defined in {where}")
    return problems


MAX_FUNCTION_LINES = 120


def long_functions(found):
    """Functions (from a line opening at column 0 to the '}' closing at column 0) too long."""
    problems = []
    for files in found.values():
        for path in files:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
            if not lines[0].startswith("/*"):
                problems.append(f"{os.path.relpath(path)}: no comment at the top saying what the file is for")
            start = None
            for number, line in enumerate(lines, 1):
                if line.startswith("{") and start is None:
                    start = number
                elif line.startswith("}") and start is not None:
                    signature = start - 2  # the signature's first line (continuations are indented)
                    while signature > 0 and lines[signature][:1] in (" ", "\t"):
                        signature -= 1
                    length = number - signature
                    if length > MAX_FUNCTION_LINES and "(" in "".join(lines[signature:start - 1]):
                        problems.append(f"{os.path.relpath(path)}:{signature + 1}: function of {length} lines "
                                        f"(at most {MAX_FUNCTION_LINES})")
                    start = None
    return problems


def room_graph(edges):
    pairs = {}
    for module, targets in edges.items():
        for target in targets:
            a, b = module.split("/")[0], target.split("/")[0]
            if a != b:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    return pairs


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    found = modules(src)
    edges = dependencies(src, found)
    if "--dot" in sys.argv:
        for (a, b), n in sorted(room_graph(edges).items(), key=lambda p: (ROOMS.index(p[0][0]), p[0][1])):
            print(f"{a} -> {b} ({n})")
        return 0
    problems = upward(edges) + circles(edges) + declared_elsewhere(found) + long_functions(found)
    for problem in problems:
        print(problem)
    arrows = sum(len(t) for t in edges.values())
    print(f"{len(found)} modules, {arrows} dependencies: "
          f"{'ok' if not problems else f'{len(problems)} violations'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
