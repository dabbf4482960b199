//! Differences between two scenarios (src/model/diff.rs), as `decarb compare` and the window's
//! compare view show them: which input, its name and unit, both values and the change.

use decarb::model::diff::{self, FieldUnit, Value, delta, diff, field_name, fmt_value, parse_value};
use decarb::model::{Path, Scenario};

fn minimal() -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron");
    decarb::file::load(&path).unwrap()
}

#[test]
fn each_field_gets_its_unit_from_its_name() {
    use FieldUnit::*;
    for (field, unit) in [
        ("year", Year),
        ("reference_year", Year),
        ("discount_rate_pct", Pct),
        ("scope12_t", TCo2),
        ("scope2_location_t", TCo2),
        ("t_co2_per_yr", TCo2PerYr),
        ("co2_free_share", Share),
        ("fuel_saving_share", Share),
        ("efficiency_fuel_pct", PctPerYr),
        ("activity", Index),
        ("ownership", Index),
        ("opex_t_co2_per_yr", TCo2PerYr),
        ("price_jpy_per_mwh", JpyPer("MWh")),
        ("price_jpy_per_gj", JpyPer("GJ")),
        ("carbon_price_jpy_per_t", JpyPer("t")),
        ("capex_jpy_per_mw", JpyPer("MW")),
        ("process_change_opex_jpy_per_yr", JpyPer("yr")),
        ("capex_jpy", Jpy),
        ("ef_kg_per_kwh", KgPerKwh),
        ("ef_t_per_gj", TPerGj),
        ("recycled_feed_t_co2_per_t", TPerT),
        ("ef_primary_t_per_t", TPerT),
        ("yield_mwh_per_mw", MwhPerMw),
        ("primary_gj_per_mwh", GjPerMwh),
        ("electricity_mwh", Mwh),
        ("fuel_gj", Gj),
        ("process_t_co2", TCo2),
        ("capacity_mw", Mw),
        ("quantity_t", T),
        ("name", None),
    ] {
        assert_eq!(FieldUnit::of(field), unit, "{field}");
    }
    assert_eq!(Index.path_default(), 1.0);
    assert_eq!(Share.path_default(), 0.0);
}

#[test]
fn numbers_are_written_with_their_unit_and_sensible_digits() {
    use FieldUnit::*;
    for (unit, v, text) in [
        (Share, 0.506, "50.6 %"),
        (PctPerYr, 1.5, "1.50 %/yr"),
        (Mwh, 420_000.0, "420,000 MWh"),
        (Mwh, 12.345, "12.35 MWh"),
        (Mwh, 0.5, "0.5000 MWh"),
        (Mwh, 0.0, "0 MWh"),
        (Mwh, -150.0, "−150 MWh"),
        (Gj, 100.0, "100 GJ"),
        (TCo2, 99.5, "99.50 t-CO2"),
        (T, 1.0, "1.00 t"),
        (KgPerKwh, 0.463, "0.463 kg-CO2/kWh"),
        (TPerGj, 0.0693, "0.0693 t-CO2/GJ"),
        (TPerT, 3.0, "3.00 t-CO2/t"),
        (Mw, 9.0, "9.00 MW"),
        (MwhPerMw, 1100.0, "1,100 MWh/MW"),
        (Jpy, 1.8e8, "180,000,000 JPY"),
        (JpyPer("MWh"), 2000.0, "2,000 JPY/MWh"),
        (TCo2PerYr, 5000.0, "5,000 t-CO2/yr"),
        (Index, 1.25, "×1.250"),
        (Year, 2030.0, "FY2030"),
        (Pct, 3.0, "3.00 %"),
        (None, 0.25, "0.2500"),
    ] {
        assert_eq!(unit.fmt(v), text, "{unit:?} {v}");
    }
    assert_eq!(Share.fmt_delta(0.1), "+10.0 pt");
    assert_eq!(Share.fmt_delta(-0.1), "−10.0 pt");
    assert_eq!(Year.fmt_delta(5.0), "+5 years");
    assert_eq!(Mwh.fmt_delta(200.0), "+200 MWh");
    assert_eq!(Mwh.fmt_delta(0.0), "0 MWh");
}

#[test]
fn values_are_read_back_from_their_ron_text() {
    assert_eq!(parse_value("None"), Value::Absent);
    assert_eq!(parse_value(" Some(2.5) "), Value::Num(2.5));
    assert_eq!(parse_value("-1e3"), Value::Num(-1000.0));
    assert_eq!(parse_value("[]"), Value::Keys(vec![]));
    assert_eq!(
        parse_value("[(2020,0.5),(2030, 1)]"),
        Value::Keys(vec![(2020, 0.5), (2030, 1.0)])
    );
    assert_eq!(parse_value("[(2020,x)]"), Value::Other("[(2020,x)]".into()));
    assert_eq!(
        parse_value(r#""say \"hi\" \\ there""#),
        Value::Text(r#"say "hi" \ there"#.into())
    );
    assert_eq!(parse_value("OffSite"), Value::Other("OffSite".into()));
}

#[test]
fn values_are_shown_as_a_planner_reads_them() {
    let share = FieldUnit::Share;
    assert_eq!(fmt_value(&Value::Num(0.5), share), "50.0 %");
    assert_eq!(fmt_value(&Value::Keys(vec![]), share), "— (default 0.0 %)");
    assert_eq!(
        fmt_value(&Value::Keys(vec![]), FieldUnit::Index),
        "— (default ×1.000)"
    );
    assert_eq!(
        fmt_value(&Value::Keys(vec![(2020, 0.5)]), share),
        "50.0 % (every year)"
    );
    let six: Vec<(i32, f64)> = (0..6).map(|k| (2020 + k, 0.1 * f64::from(k))).collect();
    assert_eq!(
        fmt_value(&Value::Keys(six.clone()), share),
        "FY2020 0.0 %, FY2021 10.0 %, FY2022 20.0 %, FY2023 30.0 %, FY2024 40.0 %, FY2025 50.0 %"
    );
    let mut seven = six;
    seven.push((2026, 0.6));
    assert_eq!(
        fmt_value(&Value::Keys(seven), share),
        "FY2020 0.0 %, FY2021 10.0 %, FY2022 20.0 %, … FY2025 50.0 %, FY2026 60.0 %"
    );
    assert_eq!(fmt_value(&Value::Text(String::new()), share), "(empty)");
    assert_eq!(fmt_value(&Value::Text("a\\nb".into()), share), "a b");
    let long = "x".repeat(141);
    assert_eq!(
        fmt_value(&Value::Text(long.clone()), share),
        format!("{}…", "x".repeat(140))
    );
    assert_eq!(fmt_value(&Value::Text("x".repeat(140)), share), "x".repeat(140));
    assert_eq!(fmt_value(&Value::Other(long), share).chars().count(), 141);
    assert_eq!(fmt_value(&Value::Absent, share), "—");
}

#[test]
fn a_change_is_stated_in_the_year_paths_differ_most() {
    let a = Value::Keys(vec![(2020, 0.0), (2030, 1.0)]);
    let b = Value::Keys(vec![(2020, 0.0), (2025, 1.0)]);
    // largest difference at FY2025 (0.5 vs 1.0)
    let (text, pct, d) = delta(&a, &b, FieldUnit::Share, 2040).unwrap();
    assert_eq!(text, "FY2025: +50.0 pt");
    assert_eq!(pct, None, "shares change in points");
    assert!((d - 0.5).abs() < 1e-12);
    // equal everywhere: the year asked
    let (text, _, d) = delta(&a, &a, FieldUnit::Share, 2040).unwrap();
    assert_eq!((text.as_str(), d), ("FY2040: 0.0 pt", 0.0));
    // a tie keeps the year asked, however large the difference (no margin that vanishes
    // against 400,000 MWh)
    let before = Value::Keys(vec![(2030, 400_000.0)]);
    let after = Value::Keys(vec![(2030, 420_000.0)]);
    assert_eq!(
        delta(&before, &after, FieldUnit::of("electricity_mwh"), 2025)
            .unwrap()
            .0,
        "FY2025: +20,000 MWh"
    );
    // the largest difference wins even when a smaller one comes later
    let zero = Value::Keys(vec![(2020, 0.0), (2025, 0.0), (2030, 0.0)]);
    let dip = Value::Keys(vec![(2020, 0.9), (2025, 0.1), (2030, 0.0)]);
    assert_eq!(
        delta(&zero, &dip, FieldUnit::Share, 2040).unwrap().0,
        "FY2020: +90.0 pt"
    );
    // one side a path, the other a number: still read in the year they differ most
    let (text, _, _) = delta(&Value::Num(0.2), &a, FieldUnit::Share, 2020).unwrap();
    assert_eq!(text, "FY2030: +80.0 pt");
    let (text, _, _) = delta(&a, &Value::Num(0.2), FieldUnit::Share, 2020).unwrap();
    assert_eq!(text, "FY2030: −80.0 pt");
    // numbers: the change and its % of A
    let (text, pct, _) = delta(&Value::Num(200.0), &Value::Num(150.0), FieldUnit::Mwh, 2030).unwrap();
    assert_eq!(text, "−50.00 MWh");
    assert_eq!(pct, Some(-25.0));
    assert_eq!(
        delta(&Value::Num(0.0), &Value::Num(5.0), FieldUnit::Mwh, 2030)
            .unwrap()
            .1,
        None
    );
    assert_eq!(
        delta(&Value::Num(2020.0), &Value::Num(2025.0), FieldUnit::Year, 2030)
            .unwrap()
            .1,
        None
    );
    assert!(delta(&Value::Text("a".into()), &Value::Num(1.0), FieldUnit::None, 2030).is_none());
    assert!(delta(&Value::Num(1.0), &Value::Absent, FieldUnit::None, 2030).is_none());
    // an empty activity path is 1 in every year
    let grow = Value::Keys(vec![(2018, 1.0), (2030, 1.2)]);
    let (text, pct, _) = delta(&Value::Keys(vec![]), &grow, FieldUnit::Index, 2020).unwrap();
    assert_eq!(text, "FY2030: +×0.200");
    assert!((pct.unwrap() - 20.0).abs() < 1e-9);
}

#[test]
fn field_names_known_by_name() {
    for (field, name) in [
        ("co2_free_share", "CO2-free share"),
        ("co2_free_premium_jpy_per_mwh", "CO2-free premium"),
        ("ef_kg_per_kwh", "Emission factor"),
        ("ef_location_kg_per_kwh", "Location-based emission factor"),
        ("ef_t_per_gj", "Emission factor"),
        ("ef_primary_t_per_t", "Primary route factor"),
        ("ef_recycled_t_per_t", "Recycled route factor"),
        ("ef_low_carbon_t_per_t", "Low-carbon route factor"),
        ("recycled_feed_t_co2_per_t", "Recycled-feed combustion κ"),
        ("fuel_saving_share", "Fuel saved by recycling λ"),
        ("efficiency_electricity_pct", "Electricity efficiency"),
        ("efficiency_fuel_pct", "Fuel efficiency"),
        ("process_t_co2", "Process emissions"),
        ("gj_per_unit", "Calorific value (GJ per unit)"),
        ("yield_mwh_per_mw", "Yield"),
        ("t_co2_per_yr", "Credits"),
        ("carbon_price_jpy_per_t", "Carbon price"),
        ("scope12_t", "Scope 1+2"),
        ("scope1_t", "Scope 1"),
        ("scope2_t", "Scope 2 (market)"),
        ("scope2_location_t", "Scope 2 (location)"),
        ("scope3_t", "Scope 3"),
        ("primary_gj_per_mwh", "Primary energy per MWh"),
    ] {
        assert_eq!(field_name(field), name, "{field}");
    }
}

#[test]
fn field_names_drop_their_unit_words() {
    assert_eq!(field_name("co2_free_share"), "CO2-free share");
    assert_eq!(field_name("scope2_location_t"), "Scope 2 (location)");
    assert_eq!(field_name("electricity_mwh"), "Electricity");
    assert_eq!(field_name("power_price_jpy_per_mwh"), "Power price");
    assert_eq!(field_name("capex_jpy_per_mw"), "Capex");
    assert_eq!(field_name("quantity_t"), "Quantity");
    assert_eq!(field_name("t"), "T", "a unit word alone stays");
    assert_eq!(field_name(""), "");
    assert_eq!(field_name("name"), "Name");
}

#[test]
fn every_kind_of_item_is_matched_by_its_key_and_added_or_removed_items_are_named() {
    let a = minimal();
    assert!(diff(&a, &a).is_empty());
    let mut b = a.clone();
    b.primary_gj_per_mwh = 3.6;
    b.meta.author = "Planner".into();
    b.credits.t_co2_per_yr = Path(vec![(2030, 100.0)]);
    b.regions[0].name = "Grid".into();
    b.fuels[1].ef_t_per_gj = 0.05;
    b.fuels[0].assumption = Some("new".into());
    b.sites[0].process_t_co2 = 400.0;
    b.materials.clear();
    let mut ppa = b.ppas[0].clone();
    ppa.id = "wind".into();
    ppa.name = "Wind".into();
    b.ppas.push(ppa);
    b.history[0].scope12_t = Some(6100.0);
    b.targets[0].label = "−46 % vs 2018".into();
    let d = diff(&a, &b);
    type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
    let got: Vec<Row> = d
        .iter()
        .map(|x| {
            (
                x.path.as_str(),
                x.item.as_str(),
                x.field.as_str(),
                x.a.as_deref(),
                x.b.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "primary_gj_per_mwh",
                "Scenario",
                "Primary energy per MWh",
                Some("9.76"),
                Some("3.6")
            ),
            (
                "meta.author",
                "Scenario",
                "Author",
                Some("\"\""),
                Some("\"Planner\"")
            ),
            (
                "credits.t_co2_per_yr",
                "Credits",
                "Credits",
                Some("[]"),
                Some("[(2030,100.0)]")
            ),
            (
                "regions[japan].name",
                "Region “Japan”",
                "Name",
                Some("\"Japan\""),
                Some("\"Grid\"")
            ),
            (
                "fuels[heavy_oil_a].assumption",
                "Fuel “Heavy oil A”",
                "Assumption",
                None,
                Some("Some(\"new\")")
            ),
            (
                "fuels[city_gas].ef_t_per_gj",
                "Fuel “City gas”",
                "Emission factor",
                Some("0.0499"),
                Some("0.05")
            ),
            (
                "sites[works].process_t_co2",
                "Site “Works”",
                "Process emissions",
                Some("500.0"),
                Some("400.0")
            ),
            ("materials[ingot]", "Material “Ingot”", "", Some("present"), None),
            ("ppas[wind]", "PPA “Wind”", "", None, Some("present")),
            (
                "history[2018].scope12_t",
                "Reported FY2018",
                "Scope 1+2",
                Some("Some(6000.0)"),
                Some("Some(6100.0)")
            ),
            (
                "targets[-50 % vs 2018]",
                "Target “-50 % vs 2018”",
                "",
                Some("present"),
                None
            ),
            (
                "targets[−46 % vs 2018]",
                "Target “−46 % vs 2018”",
                "",
                None,
                Some("present")
            ),
        ]
    );
    // a whole item reads "present" / "—"; a field reads in its unit
    assert_eq!(d[7].a_text(), "present");
    assert_eq!(d[7].b_text(), "—");
    assert!(d[7].delta(2030).is_none());
    assert_eq!(d[6].unit(), FieldUnit::TCo2);
    assert_eq!(d[6].a_text(), "500 t-CO2");
    assert_eq!(d[6].delta(2030), Some(("−100 t-CO2".into(), Some(-20.0))));
    assert_eq!(d[0].unit(), FieldUnit::GjPerMwh);
    assert_eq!(d[0].a_text(), "9.76 GJ/MWh");
    // an optional field reads without its Some(…)
    assert_eq!(d[4].a_text(), "—");
    assert_eq!(d[4].b_text(), "new");
    assert_eq!(d[9].b_text(), "6,100 t-CO2");
    let _ = diff::FieldUnit::Gj;
}
