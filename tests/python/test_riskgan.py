"""test_riskgan.py — the Python package (python/riskgan) over libriskgan: values both ways
exactly with their dtypes, the same model and rows as the command line for a seed, errors
as exceptions with the library's message, save/load, evaluate, two threads sampling at once,
and memory that stays flat over many fit/sample cycles."""
import json
import os
import resource
import subprocess
import threading

import numpy as np
import pandas as pd
import pytest

import riskgan
from riskgan import _frames

REPO = os.path.join(os.path.dirname(__file__), "..", "..")
CREDIT = os.path.join(REPO, "data", "german_credit.csv")
CLI = os.environ.get("RISKGAN_CLI", os.path.join(REPO, "build", "riskgan"))


def awkward_frame():
    return pd.DataFrame({
        "big": pd.Series([9007199254740993, -9223372036854775808, 9223372036854775807, 12], dtype="int64"),
        "small": pd.Series([1, -2, 3, 4], dtype="int64"),
        "nullable": pd.array([1, None, 3, -7], dtype="Int64"),
        "x": [0.30000000000000004, 1e-300, np.nan, -123456789.125],
        "text": ["crédit ✓ 信用", "", None, "say \"hi\",\nbye"],
        "grade": pd.Categorical(["A", "B", None, "A"]),
        "opened": pd.to_datetime(["2019-01-02", "2020-02-29", None, "1999-12-31"]),
        "seen": pd.to_datetime(["2019-01-02 10:30:00", "2020-02-29 00:00:01", "2001-01-01 00:00:00", None]),
    })


def test_values_and_dtypes_come_back_exactly():
    frame = awkward_frame()
    back = _frames.to_frame(_frames.to_table(frame), _frames.column_kinds(frame))
    for name in ["small", "nullable", "x", "grade", "opened", "seen"]:
        pd.testing.assert_series_equal(back[name], frame[name], check_names=True, check_categorical=False)
    assert str(back["small"].dtype) == "int64" and str(back["nullable"].dtype) == "Int64"
    assert isinstance(back["grade"].dtype, pd.CategoricalDtype)
    assert back["x"][0] == 0.30000000000000004 and back["x"][1] == 1e-300  # the same doubles
    pd.testing.assert_series_equal(back["big"], frame["big"])  # beyond 2^53: kept as their text, exact
    assert back["text"].tolist() == ["crédit ✓ 信用", "", None, "say \"hi\",\nbye"]  # "" is not missing


def test_same_model_and_rows_as_the_command_line(tmp_path):
    model, rows = tmp_path / "cli.rgan", tmp_path / "cli.csv"
    subprocess.run([CLI, "fit", CREDIT, "--target", "default", "--preset", "ctgan", "--epochs", "2", "--seed", "7",
                    "-o", str(model), "-q"], check=True)
    subprocess.run([CLI, "sample", str(model), "-n", "40", "--seed", "3", "-o", str(rows)], check=True,
                   capture_output=True)
    synthesizer = riskgan.Synthesizer(epochs=2, seed=7, preset="ctgan").fit(pd.read_csv(CREDIT), target="default")
    synthesizer.save(tmp_path / "py.rgan")
    assert (tmp_path / "py.rgan").read_bytes() == model.read_bytes()
    pd.testing.assert_frame_equal(synthesizer.sample(40, seed=3), pd.read_csv(rows))


def test_save_load_and_conditions(tmp_path):
    frame = pd.read_csv(CREDIT)
    synthesizer = riskgan.Synthesizer(epochs=1, seed=2, preset="ctgan").fit(frame, target="default")
    synthesizer.save(tmp_path / "m.rgan")
    loaded = riskgan.load(tmp_path / "m.rgan")
    assert loaded.columns() == list(frame.columns)
    rows = loaded.sample(30, seed=5, where={"purpose": "education"})
    assert (rows["purpose"] == "education").all()
    assert len(rows) == 30


def test_errors_are_exceptions_with_reasons(tmp_path):
    with pytest.raises(ValueError, match="model must be"):
        riskgan.Synthesizer(model="gpt")
    with pytest.raises(ValueError, match="epochs"):
        riskgan.Synthesizer(epochs=0)
    with pytest.raises(ValueError, match="unknown fit option 'bogus'"):
        riskgan.Synthesizer(bogus=3).fit(pd.read_csv(CREDIT))
    with pytest.raises(TypeError, match="DataFrame"):
        riskgan.Synthesizer().fit([1, 2, 3])
    with pytest.raises(riskgan.RiskganError, match="not fitted"):
        riskgan.Synthesizer().sample(3)
    with pytest.raises(riskgan.RiskganError, match="nope"):
        riskgan.Synthesizer(epochs=1).fit(pd.read_csv(CREDIT), target="nope")
    (tmp_path / "bad.rgan").write_bytes(b"not a model at all")
    with pytest.raises(riskgan.RiskganError):
        riskgan.load(tmp_path / "bad.rgan")
    with pytest.raises(ValueError, match="infinity"):
        riskgan.Synthesizer().fit(pd.DataFrame({"x": [1.0, np.inf]}))


def test_evaluate_returns_the_report(tmp_path):
    frame = pd.read_csv(CREDIT)
    train, test = frame.iloc[:700], frame.iloc[700:]
    synthetic = riskgan.Synthesizer(epochs=2, seed=1, preset="ctgan").fit(train, target="default").sample(700)
    report = riskgan.evaluate(train, test, synthetic, target="default", folds=2, trees=20,
                              html=tmp_path / "report.html")
    assert set(["fidelity", "detection", "utility", "privacy"]) <= set(report)
    assert 0 <= report["utility"]["xgboost"]["TSTR"]["roc_auc"] <= 1
    assert "scorecard" in report["utility"]
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")


def test_two_threads_sampling_at_once():
    synthesizer = riskgan.Synthesizer(epochs=1, seed=3, preset="ctgan").fit(pd.read_csv(CREDIT))
    expected = {seed: synthesizer.sample(200, seed=seed) for seed in (1, 2)}
    got = {}
    threads = [threading.Thread(target=lambda s=seed: got.__setitem__(s, synthesizer.sample(200, seed=s)))
               for seed in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for seed in (1, 2):
        pd.testing.assert_frame_equal(got[seed], expected[seed])


def test_memory_stays_flat_over_fit_and_sample_cycles():
    frame = pd.DataFrame({"a": np.arange(40) % 7, "b": np.linspace(0, 1, 40), "c": ["x", "y"] * 20})

    def cycle():
        riskgan.Synthesizer(epochs=1, seed=1, preset="ctgan", batch_size=20, pac=10).fit(frame).sample(50)

    for _ in range(50):  # warm up allocators and caches
        cycle()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(int(os.environ.get("RISKGAN_LEAK_CYCLES", "1000"))):
        cycle()
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 20 * 1024, f"peak memory grew by {grown_kib} KiB over the cycles"


@pytest.mark.parametrize("algo", ["xgboost", "logreg", "scorecard"])
def test_risk_models_score_as_the_command_line(tmp_path, algo):
    subprocess.run([CLI, "risk", "fit", CREDIT, "--target", "default", "--algo", algo, "--seed", "4", "--threads", "1",
                    "-o", str(tmp_path / "cli.model")], check=True, capture_output=True)
    subprocess.run([CLI, "risk", "score", str(tmp_path / "cli.model"), CREDIT, "-o", str(tmp_path / "cli.csv")],
                   check=True, capture_output=True)
    frame = pd.read_csv(CREDIT)
    model = riskgan.RiskModel(algo, seed=4, threads=1).fit(frame, target="default")
    expected = pd.read_csv(tmp_path / "cli.csv")
    # the CLI writes probabilities with 6 decimals; the model files are the same bytes
    np.testing.assert_allclose(model.predict_proba(frame), expected["probability"], rtol=0, atol=5.0001e-7)
    model.save(tmp_path / "py.model")
    assert (tmp_path / "py.model").read_bytes() == (tmp_path / "cli.model").read_bytes()
    np.testing.assert_array_equal(riskgan.load_risk_model(tmp_path / "py.model").predict_proba(frame),
                                  model.predict_proba(frame))
    with pytest.raises(riskgan.RiskganError, match="nope"):
        riskgan.RiskModel(algo).fit(frame, target="nope")


def test_detector_scores_as_the_command_line(tmp_path):
    frame = pd.read_csv(CREDIT).drop(columns=["default"])
    frame.to_csv(tmp_path / "claims.csv", index=False)
    subprocess.run([CLI, "detect", "fit", str(tmp_path / "claims.csv"), "--method", "iforest", "--seed", "2",
                    "--trees", "50", "-o", str(tmp_path / "cli.rdet"), "-q"], check=True, capture_output=True)
    subprocess.run([CLI, "detect", "score", str(tmp_path / "cli.rdet"), str(tmp_path / "claims.csv"),
                    "-o", str(tmp_path / "scores.csv")], check=True, capture_output=True)
    detector = riskgan.Detector("iforest", seed=2, trees=50).fit(frame)
    written = pd.read_csv(tmp_path / "scores.csv")["score"]  # as many decimals as the CLI writes
    np.testing.assert_allclose(detector.score(frame), written, atol=0.5 * 10.0 ** -6 + 1e-12)
    reasons = detector.explain(frame.head(5), k=2)
    assert list(reasons.columns) == ["reason_1", "reason_2"]
    assert set(reasons.to_numpy().ravel()) <= set(frame.columns)
    detector.save(tmp_path / "py.rdet")
    assert (tmp_path / "py.rdet").read_bytes() == (tmp_path / "cli.rdet").read_bytes()
    np.testing.assert_array_equal(riskgan.load_detector(tmp_path / "py.rdet").score(frame), detector.score(frame))
    with pytest.raises(ValueError, match="unknown detector option 'forest'"):
        riskgan.Detector("iforest", forest=3)


def test_augment_as_the_command_line(tmp_path):
    subprocess.run([CLI, "augment", CREDIT, "--target", "default", "--method", "smotenc", "--ratio", "0.8",
                    "--seed", "3", "-o", str(tmp_path / "cli.csv")], check=True, capture_output=True)
    frame = pd.read_csv(CREDIT)
    augmented = riskgan.augment(frame, "default", method="smotenc", ratio=0.8, seed=3)
    pd.testing.assert_frame_equal(augmented, pd.read_csv(tmp_path / "cli.csv"))
    pd.testing.assert_frame_equal(augmented.iloc[:len(frame)], frame)  # the real rows first, unchanged
    assert (augmented["default"].iloc[len(frame):] == 1).all()
    synthesizer = riskgan.Synthesizer(epochs=1, seed=1, preset="ctgan").fit(frame, target="default")
    by_gan = riskgan.augment(frame, "default", method="gan", ratio=0.5, synthesizer=synthesizer)
    assert len(by_gan) == len(frame) + 50  # 300 bad of 700 good: 350 reached by adding 50
    with pytest.raises(ValueError, match="ratio"):
        riskgan.augment(frame, "default", ratio=-1)


def test_the_notebook_style_example_runs():
    example = os.path.join(REPO, "examples", "python", "credit_synthesis.py")
    environment = dict(os.environ, RISKGAN_EXAMPLE_EPOCHS="2")
    done = subprocess.run(["/usr/bin/python3", example], env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "scorecard: TRTR" in done.stdout and "reason_1" in done.stdout


BERKA = os.path.join(REPO, "..", "shared", "data", "bank_berka")


@pytest.mark.skipif(not os.path.exists(os.path.join(BERKA, "trans.csv")), reason="no shared bank data")
def test_linked_tables_as_a_dict_of_frames(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    frames = {}
    for table in ("account", "trans", "loan"):
        frames[table] = pd.read_csv(os.path.join(BERKA, f"{table}.csv"))
        frames[table].to_csv(real / f"{table}.csv", index=False)
    subprocess.run([CLI, "inspect", "--relational", str(real), "-o", str(real / "metadata.json")], check=True,
                   capture_output=True)
    synthesizer = riskgan.Synthesizer(epochs=2, event_epochs=1, seed=1).fit(frames, metadata=str(real / "metadata.json"))
    out = synthesizer.sample(scale=0.2, seed=2)
    assert set(out) == {"account", "trans", "loan"}
    assert set(out["trans"]["account_id"]) <= set(out["account"]["account_id"])  # every key names a parent
    assert not set(out["account"]["account_id"]) & set(frames["account"]["account_id"])  # fresh keys
    assert str(out["trans"]["date"].dtype) == "int64"  # yymmdd numbers, as the frame held them
    first = out["trans"].groupby("account_id").head(1)
    assert (first["balance"].abs() == first["amount"].abs()).all()  # the balance starts from zero
    # a model fitted by the command line samples the rows the command line writes
    subprocess.run([CLI, "fit", "--metadata", str(real / "metadata.json"), "--epochs", "2", "--event-epochs", "1",
                    "--seed", "1", "-q", "-o", str(tmp_path / "cli.rgan")], check=True, capture_output=True)
    subprocess.run([CLI, "sample", str(tmp_path / "cli.rgan"), "-o", str(tmp_path / "synth"), "--scale", "0.2",
                    "--seed", "2"], check=True, capture_output=True)
    loaded = riskgan.load(tmp_path / "cli.rgan")
    loaded._kinds = {name: riskgan._frames.column_kinds(frame) for name, frame in frames.items()}
    for name, frame in loaded.sample(scale=0.2, seed=2).items():
        pd.testing.assert_frame_equal(frame, pd.read_csv(tmp_path / "synth" / f"{name}.csv"), check_dtype=False)
    with pytest.raises(ValueError, match="metadata"):
        riskgan.Synthesizer().fit(frames)
    # the linked evaluation gives the report `riskgan evaluate --metadata` writes
    subprocess.run([CLI, "evaluate", "--metadata", str(real / "metadata.json"), "--synth", str(tmp_path / "synth"),
                    "--json", str(tmp_path / "linked.json"), "--folds", "2", "--trees", "20", "--threads", "2"], check=True,
                   capture_output=True)
    synthetic = {name: pd.read_csv(tmp_path / "synth" / f"{name}.csv") for name in frames}
    report = riskgan.evaluate(frames, None, synthetic, metadata=str(real / "metadata.json"), folds=2, trees=20,
                              threads=2, html=tmp_path / "linked.html")  # XGBoost's sums follow the threads
    with open(tmp_path / "linked.json", encoding="utf-8") as stream:
        assert report == json.load(stream)
    assert (tmp_path / "linked.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="test=None"):
        riskgan.evaluate(frames, frames, synthetic, metadata=str(real / "metadata.json"))


def test_progress_is_shown_unless_silenced(capsys):
    frame = pd.read_csv(CREDIT)
    riskgan.Synthesizer(epochs=3, seed=1, preset="ctgan").fit(frame)
    shown = capsys.readouterr().err
    assert "riskgan fit" in shown and "3/3" in shown  # one step per epoch, to the last
    riskgan.Synthesizer(epochs=3, seed=1, preset="ctgan", verbose=False).fit(frame)
    assert capsys.readouterr().err == ""


def test_info_describes_the_model():
    frame = pd.read_csv(CREDIT)
    info = riskgan.Synthesizer(model="tvae", epochs=2, seed=9, preset="ctgan", verbose=False).fit(
        frame, target="default").info()
    assert info["model"] == "tvae" and info["target"] == "default" and info["seed"] == 9
    assert info["columns"] == frame.shape[1] and info["training_rows"] == len(frame)
    assert info["epochs"] == 2 and info["epochs_completed"] == 2
    assert info["held_out_rows"] == 0 and info["held_out_detection"] is None


def test_boolean_options_pass_as_numbers():
    frame = pd.read_csv(CREDIT)
    # True reaches the library as 1 (it refuses "True"); set epochs leave early stopping idle
    info = riskgan.Synthesizer(epochs=2, seed=1, early_stopping=True, label_model=False, verbose=False).fit(
        frame, target="default").info()
    assert info["epochs_completed"] == 2 and info["held_out_rows"] == 0
    with pytest.raises(ValueError, match="early_stopping must be 0 or 1"):
        riskgan.Synthesizer(epochs=2, early_stopping=2, verbose=False).fit(frame)


def test_market_paths_as_the_command_line(tmp_path):
    prices_path = os.path.join(REPO, "data", "eu_stock_markets.csv")
    subprocess.run([CLI, "market", "fit", prices_path, "--method", "garch", "--seed", "3", "-q",
                    "-o", str(tmp_path / "cli.rmkt")], check=True, capture_output=True)
    subprocess.run([CLI, "market", "sample", str(tmp_path / "cli.rmkt"), "--paths", "40", "--days", "30",
                    "--seed", "5", "-o", str(tmp_path / "paths.csv")], check=True, capture_output=True)
    prices = pd.read_csv(prices_path)
    model = riskgan.market.fit(prices, method="garch", seed=3)
    model.save(tmp_path / "py.rmkt")
    assert (tmp_path / "py.rmkt").read_bytes() == (tmp_path / "cli.rmkt").read_bytes()
    paths = model.sample(paths=40, days=30, seed=5)
    written = pd.read_csv(tmp_path / "paths.csv")
    assert list(paths.columns) == list(written.columns) == ["path", "day"] + model.assets()
    assert paths["day"].dtype == np.int64 and len(paths) == 40 * 31
    np.testing.assert_array_equal(paths.to_numpy(), written.to_numpy())  # the very numbers the CSV holds
    returns = riskgan.market.load(tmp_path / "cli.rmkt").sample(paths=2, days=30, seed=5, returns=True)
    assert returns["day"].min() == 1 and np.all(np.isfinite(returns[model.assets()].to_numpy()))
    indexed = prices.set_index(pd.to_datetime(prices.iloc[:, 0])).drop(columns=prices.columns[0]) \
        if not np.issubdtype(prices.iloc[:, 0].dtype, np.number) else None
    if indexed is not None:
        assert riskgan.market.fit(indexed, method="garch", seed=3).info()["train_days"] == model.info()["train_days"]
    with pytest.raises(riskgan.RiskganError, match="positive prices"):
        riskgan.market.fit(prices.assign(**{model.assets()[0]: -prices[model.assets()[0]]}), method="garch")
    with pytest.raises(ValueError, match="method must be one of"):
        riskgan.market.MarketModel("lstm")
