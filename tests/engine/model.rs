//! The scenario's own helpers (src/model): lookups, horizon, reported figures, fuel units.
//! Expected values come from the file format's documentation, not from the code.

use decarb::model::{self, HistoryEntry, HistoryKind, Scenario, Scope, Scope2Method};

/// A history entry as a file writes it (optional fields without `Some`).
fn entry(text: &str) -> HistoryEntry {
    ron::from_str(&format!("#![enable(implicit_some)]\n{text}")).unwrap()
}

#[test]
fn reported_emissions_combine_the_scopes_asked_for() {
    let (s1, s2, s3) = (&[Scope::Scope1][..], &[Scope::Scope2][..], &[Scope::Scope3][..]);
    let s12 = &[Scope::Scope1, Scope::Scope2][..];
    let s123 = &[Scope::Scope1, Scope::Scope2, Scope::Scope3][..];
    let (m, l) = (Scope2Method::Market, Scope2Method::Location);
    let h = entry("(year: 2020, scope1_t: 10.0, scope2_t: 20.0, scope2_location_t: 25.0, scope3_t: 100.0)");
    assert_eq!(h.emissions(s1, m), Some(10.0));
    assert_eq!(h.emissions(s2, m), Some(20.0));
    assert_eq!(h.emissions(s2, l), Some(25.0));
    assert_eq!(h.emissions(s12, m), Some(30.0));
    assert_eq!(h.emissions(s12, l), Some(35.0));
    assert_eq!(h.emissions(s3, m), Some(100.0));
    assert_eq!(h.emissions(s123, l), Some(135.0));
    assert_eq!(h.emissions(&[], m), Some(0.0));
    // a published Scope 1+2 total wins over its parts, for the market method only
    let t = entry("(year: 2020, scope1_t: 10.0, scope2_t: 20.0, scope2_location_t: 25.0, scope12_t: 31.0)");
    assert_eq!(t.emissions(s12, m), Some(31.0));
    assert_eq!(t.emissions(s12, l), Some(35.0));
    assert_eq!(t.emissions(s123, m), None, "no Scope 3 reported");
    // missing parts: nothing
    let only_total = entry("(year: 2020, scope12_t: 31.0)");
    assert_eq!(only_total.emissions(s12, m), Some(31.0));
    assert_eq!(only_total.emissions(s1, m), None);
    assert_eq!(only_total.emissions(s2, m), None);
    assert_eq!(only_total.emissions(s12, l), None);
    assert_eq!(entry("(year: 2020, scope1_t: 1.0)").emissions(s12, m), None);
    assert_eq!(entry("(year: 2020, scope2_t: 1.0)").emissions(s12, m), None);
}

#[test]
fn reported_primary_energy_is_given_or_fuel_plus_electricity_times_the_factor() {
    assert_eq!(
        entry("(year: 2020, primary_energy_gj: 5.0, fuel_gj: 1.0, electricity_mwh: 1.0)")
            .primary_energy(9.76),
        Some(5.0)
    );
    assert_eq!(
        entry("(year: 2020, fuel_gj: 100.0, electricity_mwh: 10.0)").primary_energy(9.76),
        Some(100.0 + 97.6)
    );
    assert_eq!(entry("(year: 2020, fuel_gj: 100.0)").primary_energy(9.76), None);
    assert_eq!(
        entry("(year: 2020, electricity_mwh: 10.0)").primary_energy(9.76),
        None
    );
    assert_eq!(
        entry("(year: 2020)").kind,
        HistoryKind::Actual,
        "actual by default"
    );
}

fn scenario() -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron");
    decarb::file::load(&path).unwrap()
}

#[test]
fn lookups_by_id_and_the_horizon() {
    let mut s = scenario();
    assert_eq!(s.site_index("works"), Some(0));
    assert_eq!(s.site_index("nowhere"), None);
    assert_eq!(s.fuel_index("heavy_oil_a"), Some(0));
    assert_eq!(s.fuel_index("city_gas"), Some(1));
    assert_eq!(s.fuel_index("coal"), None);
    assert_eq!(s.region_index("japan"), Some(0));
    assert_eq!(s.region_index("chile"), None);
    assert_eq!(s.year_count(), 2050 - 2018 + 1);
    s.last_year = 2018;
    assert_eq!(s.year_count(), 1);
    s.last_year = 2010;
    assert_eq!(
        s.year_count(),
        0,
        "a horizon that ends before it starts has no years"
    );
    let s = scenario();
    assert_eq!(s.history_for(2018).map(|h| h.scope12_t), Some(Some(6000.0)));
    assert!(s.history_for(2019).is_none());
    assert_eq!(s.earliest_year(), 2018);
    let mut t = s.clone();
    t.history.push(entry("(year: 2013, scope12_t: 1.0)"));
    t.history.push(entry("(year: 2016, scope12_t: 1.0)"));
    assert_eq!(t.earliest_year(), 2013);
    t.history.clear();
    assert_eq!(t.earliest_year(), 2018);
    t.history
        .push(entry("(year: 2024, kind: Outlook, scope12_t: 1.0)"));
    assert_eq!(t.earliest_year(), 2018, "the base year when history starts later");
}

#[test]
fn fuel_use_is_gj_or_quantity_times_the_calorific_value() {
    let s = scenario();
    let uses = &s.sites[0].fuels;
    assert_eq!(s.fuel_use_gj(&uses[0]), 100.0 * 39.1); // 100 kl of heavy oil A
    assert_eq!(s.fuel_use_gj(&uses[1]), 2000.0);
    let unknown = model::FuelUse {
        fuel: "coal".into(),
        gj: None,
        quantity: Some(5.0),
    };
    assert_eq!(s.fuel_use_gj(&unknown), 0.0);
    let no_unit = model::FuelUse {
        fuel: "city_gas".into(),
        gj: None,
        quantity: Some(5.0),
    };
    assert_eq!(s.fuel_use_gj(&no_unit), 0.0);
    let none = model::FuelUse {
        fuel: "heavy_oil_a".into(),
        gj: None,
        quantity: None,
    };
    assert_eq!(s.fuel_use_gj(&none), 0.0);
}

#[test]
fn net_includes_scope3_when_a_target_covers_it() {
    let mut s = scenario();
    assert!(!s.net_includes_scope3());
    s.targets[0].scopes.push(Scope::Scope3);
    assert!(s.net_includes_scope3());
}

/// The canonical text leaves out what is at its default (a false flag, a zero rate), and a
/// file without a currency is in JPY.
#[test]
fn defaults_are_left_out_of_the_saved_text_and_filled_in_on_load_but_the_discount_rate_is_written() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron");
    let s = decarb::file::load(&path).unwrap();
    assert_eq!(s.meta.currency, "JPY");
    let text = decarb::model::to_string(&s).unwrap();
    assert!(!text.contains("credits_count"), "{text}");
    // Schema 2 always writes the discount rate (ANALYSES.md §1.3): 4 % real by default.
    assert!(text.contains("discount_rate_pct: 4.0"), "{text}");
    let mut t = s.clone();
    t.targets[0].credits_count = true;
    t.discount_rate_pct = 3.0;
    let text = decarb::model::to_string(&t).unwrap();
    assert!(
        text.contains("credits_count: true") && text.contains("discount_rate_pct: 3.0"),
        "{text}"
    );
    let no_currency = std::fs::read_to_string(&path)
        .unwrap()
        .replace("    currency: \"JPY\",\n", "");
    assert!(!no_currency.contains("currency"));
    assert_eq!(
        decarb::model::from_str(&no_currency).unwrap().meta.currency,
        "JPY"
    );
}
