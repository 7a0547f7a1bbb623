"""Trade figures: values, units, partners, years, status and spans, on the real documents and on general cases."""
import datetime as dt

from conftest import CORPUS, SEEDS, extract
from pipeline.extract.trade import extract_trade

WEB_SEED = SEEDS / "000_1b7bb65b030c85c6.txt"


def figures_of(path, record_id=None):
    exs = extract(path)
    if record_id:
        exs = [e for e in exs if e.document["record_id"] == record_id]
    [ex] = exs
    return ex.document["body"], ex.trade_figures


def rows(figs, **match):
    return [f for f in figs if all(f[k] == v for k, v in match.items())]


def test_seed_telegram_amounts_per_partner_year_and_status():
    body, figs = figures_of(WEB_SEED)
    for f in figs:
        assert body[f["start"]:f["end"]] == f["quote"]
    [ussr] = rows(figs, partner="Soviet Union", value=4.75e9)
    assert ussr["unit"] == "CHF" and ussr["year"] == 1986 and not ussr["unit_inferred"]
    [plan] = rows(figs, partner="Soviet Union", value=30e9)
    assert (plan["period_start"], plan["period_end"]) == (1986, 1990) and plan["status"] == "planned"
    assert {(f["year"], f["status"]) for f in rows(figs, partner="Romania")} == {(1986, "forecast"),
                                                                                 (1986, "expected")}
    assert sorted(f["year"] for f in rows(figs, partner="Yugoslavia", value=200e6, unit="USD")) == [1986, 1987]
    [last_year] = rows(figs, partner="Albania", value=6e6)
    assert last_year["year"] == 1985 and last_year["unit"] == "USD" and last_year["status"] == "actual"
    [carried] = rows(figs, partner="Albania", value=29e6)
    assert carried["unit"] == "USD" and carried["unit_inferred"] and carried["year"] == 1986
    [growth] = rows(figs, partner="Albania", unit="percent")
    assert growth["value"] == 30 and growth["measure"] == "change" and growth["year"] == 1987
    [annual] = rows(figs, partner="Bulgaria", unit="CHF")
    assert annual["value"] == 200e6 and annual["status"] == "agreed" and annual["flow"] == "turnover"
    [fulfil] = rows(figs, partner="Bulgaria", value=60)
    assert fulfil["measure"] == "fulfilment" and fulfil["year"] == 1986
    [one] = rows(figs, partner="Bulgaria", value=1)
    assert one["status"] == "prescribed" and one["year"] == 1987 and one["quote"] == "One percent"
    gdr = rows(figs, partner="East Germany", unit="percent", value=10)
    assert {f["quote"] for f in gdr} == {"ten per cent", "10 per cent"} and {f["year"] for f in gdr} == {1987}
    [cars] = rows(figs, value=8000)
    assert cars["unit"] == "units" and cars["status"] == "planned" and cars["year"] == 1987
    assert all(f["reporter"] == "China" for f in figs)


def test_seed_non_trade_numbers_are_not_figures():
    body, figs = figures_of(WEB_SEED)
    values = {f["value"] for f in figs}
    assert 150e3 not in values and 200 not in values  # unsold vehicles: a stock, not trade
    assert not rows(figs, value=352) and not rows(figs, value=1.5) and not rows(figs, value=13)
    assert not {1986.0, 1987.0, 1981.0} & values


def test_markdown_seed_has_no_figures():
    _, figs = figures_of(SEEDS / "001_69f09d0a6ffd43a7.txt")
    assert figs == []


def test_credit_of_300_million_dollars():
    body, figs = figures_of(CORPUS / "pdf_export_text/016_stalin-mao-conversation-1949-12-16.txt")
    [credit] = rows(figs, value=300e6)
    assert credit["unit"] == "USD" and credit["flow"] == "credit" and credit["partner"] == "Soviet Union"
    assert credit["quote"] == "300.000.000 dollars"


def test_yen_and_yuan_currencies():
    _, figs = figures_of(CORPUS / "pdf_export_text/014_report-kovalev-stalin-1949-07-06.txt")
    assert {f["unit"] for f in rows(figs, value=75e6)} == {"JPY"}
    _, figs = figures_of(CORPUS / "pdf_export_text/017_report-kovalev-stalin-1949-12-24.txt")
    assert any(f["unit"] == "CNY" for f in figs)


def test_yen_loan_to_taiwan_in_dollars():
    _, figs = figures_of(CORPUS / "csv_export/wilson_scraper_export.csv", record_id="300641")
    loans = rows(figs, value=150e6, flow="loan")
    assert loans and all(f["unit"] == "USD" for f in loans)
    assert any(f["partner"] == "Taiwan" for f in loans)


def test_general_rules_on_new_text():
    body = ("Trade agreements:\n\nPoland: exports will reach 12.5 million roubles next year.\n\n"
            "Last year the GDR granted a loan of $40 million to Cuba, while imports from Hungary fell by 7%.\n\n"
            "The army numbers 3 million men. On 12 March 1975 the delegation arrived.")
    figs = extract_trade(body, dt.date(1975, 6, 1))
    by_value = {f.value: f for f in figs}
    assert set(by_value) == {12.5e6, 40e6, 7.0}
    assert by_value[12.5e6].unit == "SUR" and by_value[12.5e6].year == 1976 and by_value[12.5e6].partner == "Poland"
    assert by_value[12.5e6].status == "expected" and by_value[12.5e6].flow == "exports"
    loan = by_value[40e6]
    assert loan.flow == "loan" and loan.unit == "USD" and loan.year == 1974 and loan.partner == "East Germany"
    assert by_value[7.0].measure == "change" and by_value[7.0].partner == "Hungary"
    for f in figs:
        assert body[f.start:f.end] == f.quote
