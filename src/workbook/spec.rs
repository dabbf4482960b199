//! The sheets of the inventory workbook: their columns, units, meanings and example rows. The
//! template, the README sheet, the reader's header checks and the messages all come from here.

/// One column of a table sheet.
#[derive(Clone, Copy, Debug)]
pub struct Col {
    pub name: &'static str,
    /// Unit in the header's brackets ("" = none, the header is the bare name).
    pub unit: &'static str,
    /// Field of the scenario file it fills (to place `check`'s messages on the cell).
    pub field: &'static str,
    pub required: bool,
    pub help: &'static str,
}

/// One field of a key/value sheet (Company, Prices and capex).
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub name: &'static str,
    pub unit: &'static str,
    pub field: &'static str,
    pub help: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct SheetSpec {
    pub name: &'static str,
    pub about: &'static str,
    pub cols: &'static [Col],
    /// The template's example row (the first cell is written with a leading `#`).
    pub example: &'static [&'static str],
}

impl Col {
    /// The header as written: `name [unit]`.
    pub fn header(&self) -> String {
        header(self.name, self.unit)
    }
}

pub fn header(name: &str, unit: &str) -> String {
    if unit.is_empty() {
        name.to_string()
    } else {
        format!("{name} [{unit}]")
    }
}

/// Names compare without case, surrounding spaces, or runs of spaces.
pub fn same_name(a: &str, b: &str) -> bool {
    norm(a) == norm(b)
}

pub fn norm(a: &str) -> String {
    a.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Splits a header into its name and the unit in brackets (`None` when it has none).
pub fn split_header(h: &str) -> (String, Option<String>) {
    let h = h.trim();
    match (h.find('['), h.ends_with(']')) {
        (Some(i), true) => (
            h[..i].trim().to_string(),
            Some(h[i + 1..h.len() - 1].trim().to_string()),
        ),
        _ => (h.to_string(), None),
    }
}

const fn c(name: &'static str, unit: &'static str, field: &'static str, help: &'static str) -> Col {
    Col {
        name,
        unit,
        field,
        required: false,
        help,
    }
}
const fn r(name: &'static str, unit: &'static str, field: &'static str, help: &'static str) -> Col {
    Col {
        name,
        unit,
        field,
        required: true,
        help,
    }
}
const fn k(name: &'static str, unit: &'static str, field: &'static str, help: &'static str) -> Key {
    Key {
        name,
        unit,
        field,
        help,
    }
}

#[rustfmt::skip]
const SOURCE: Col = c(
    "source",
    "",
    "source",
    "Where the figures of this row come from (document, page, line).",
);
#[rustfmt::skip]
const ASSUMPTION: Col = c(
    "assumption",
    "",
    "assumption",
    "Filled when a figure is an assumption: why, and how to replace it.",
);

pub const COMPANY: &str = "Company";
pub const SITES: &str = "Sites";
pub const FUEL_USE: &str = "Fuel use";
pub const OWN_GENERATION: &str = "Own generation";
pub const FUEL_SWITCHES: &str = "Fuel switches";
pub const MEASURES: &str = "Measures";
pub const REGIONS: &str = "Regions";
pub const FUELS: &str = "Fuels";
pub const MATERIALS: &str = "Materials";
pub const PPAS: &str = "PPAs";
pub const HISTORY: &str = "History";
pub const HISTORY_FUELS: &str = "History fuels";
pub const TARGETS: &str = "Targets";
pub const PRICES: &str = "Prices and capex";

/// Key/value sheets: columns `field`, `value`, `unit` (Company) and `item`, `id`, `field`,
/// `value`, `unit` (Prices and capex).
#[rustfmt::skip]
pub const COMPANY_COLS: &[Col] = &[
    r("field", "", "", "One of the fields listed in the README sheet."),
    c("value", "", "", "The value: text, a number, or a time path."),
    c("unit", "", "", "The field's unit, exactly as listed (checked)."),
];
#[rustfmt::skip]
pub const PRICE_COLS: &[Col] = &[
    r("item", "", "", "Company, Region, Fuel, Site, Material or PPA."),
    c("id", "", "", "The item's id (empty for Company)."),
    r("field", "", "", "One of the item's price fields listed in the README sheet."),
    c("value", "", "", "The value: a number, a time path, or text."),
    c("unit", "", "", "The field's unit, exactly as listed (checked)."),
];

#[rustfmt::skip]
pub const COMPANY_KEYS: &[Key] = &[
    k("name", "", "meta.name", "Name of the scenario (company and case)."),
    k("description", "", "meta.description", "What the scenario is."),
    k("author", "", "meta.author", "Who made it."),
    k("organisation", "", "meta.organisation", "The company."),
    k("currency", "", "meta.currency", "JPY (empty = JPY): the cost analysis works in yen; convert other prices to JPY and give the rate as a source."),
    k("base year", "FY", "base_year", "Fiscal year of the inventory everything is projected from."),
    k("last year", "FY", "last_year", "Last projected fiscal year (typically 2050)."),
    k("primary energy per MWh", "GJ/MWh", "primary_gj_per_mwh", "Primary energy of a MWh of electricity for the factor analysis (9.76 when empty)."),
    k("notes", "", "notes", "What the scenario assumes, for the reader (shown in review and at the top of the report)."),
    k("revenue", "JPY", "revenue_jpy", "Revenue for intensity per million yen (a time path)."),
    k("revenue source", "", "revenue_source", "Where the revenue comes from."),
    k("credits", "t-CO2/yr", "credits.t_co2_per_yr", "Credits and removals bought (a time path); counted only by targets that say so."),
    k("credits source", "", "credits.source", "Where the credits figure comes from."),
];

/// Price fields by item kind.
#[rustfmt::skip]
pub const COMPANY_PRICES: &[Key] = &[
    k("discount rate", "%/yr", "discount_rate_pct", "Real discount rate of the cost analysis (4 when empty)."),
    k("carbon price", "JPY/t-CO2", "carbon_price_jpy_per_t", "Internal carbon price or tax (a time path)."),
    k("credit price", "JPY/t-CO2", "credits.price_jpy_per_t", "Price of a credit (a time path)."),
    k("credits price assumption", "", "credits.price_assumption", "Marks the credit price as an assumption."),
    k("price year", "FY", "cost.price_year", "Year whose money the prices are in."),
    k("cost from year", "FY", "cost.from_year", "First year of the cost window (after the latest actual when empty)."),
    k("MACC year", "FY", "cost.macc_year", "Year of the MACC's widths (the first target's year when empty)."),
    k("default lifetime", "years", "cost.default_lifetime_years", "Annualisation period of measures kept for ever (15 when empty)."),
    k("tonnes", "", "cost.tonnes", "Discounted or Undiscounted tonnes in the levelised cost."),
    k("carbon price scopes", "", "cost.carbon_price_metric.scopes", "Scopes the carbon price applies to: Scope1+Scope2."),
    k("carbon price scope 2 method", "", "cost.carbon_price_metric.scope2_method", "Market or Location."),
    k("carbon price credits offset", "", "cost.carbon_price_metric.credits_offset", "yes when credits reduce the priced emissions."),
    k("cost source", "", "cost.source", "Citations of the price set, discount rate and carbon price."),
    k("cost assumption", "", "cost.assumption", "Marks the cost settings as assumptions."),
];
#[rustfmt::skip]
pub const REGION_PRICES: &[Key] = &[
    k("power price", "JPY/MWh", "power_price_jpy_per_mwh", "Price of grid purchases (a time path)."),
    k("CO2-free premium", "JPY/MWh", "co2_free_premium_jpy_per_mwh", "Default premium of a CO2-free contract (a time path)."),
    k("price assumption", "", "price_assumption", "Marks the region's prices as assumptions."),
];
#[rustfmt::skip]
pub const FUEL_PRICES: &[Key] = &[
    k("price", "JPY/GJ", "price_jpy_per_gj", "Delivered price (a time path)."),
    k("price assumption", "", "price_assumption", "Marks the fuel's price as an assumption."),
];
#[rustfmt::skip]
pub const SITE_PRICES: &[Key] = &[
    k("CO2-free premium", "JPY/MWh", "co2_free_premium_jpy_per_mwh", "The site's own premium (the region's when empty)."),
    k("efficiency capex per MWh/yr", "JPY per MWh/yr", "efficiency_capex_jpy_per_mwh_yr", "Capex per MWh a year of electricity saved."),
    k("efficiency capex per GJ/yr", "JPY per GJ/yr", "efficiency_capex_jpy_per_gj_yr", "Capex per GJ a year of fuel saved."),
    k("efficiency lifetime", "years", "efficiency_lifetime_years", "Annualisation period of the efficiency capex (15 when empty)."),
    k("process change capex", "JPY", "process_change_capex_jpy", "Capex of changing the whole site's process (share 1)."),
    k("process change lifetime", "years", "process_change_lifetime_years", "Annualisation period (20 when empty)."),
    k("process change opex", "JPY/yr", "process_change_opex_jpy_per_yr", "Opex at share 1 (a time path)."),
    k("price assumption", "", "price_assumption", "Marks the site's prices as assumptions."),
];
#[rustfmt::skip]
pub const MATERIAL_PRICES: &[Key] = &[
    k("recycled price difference", "JPY/t", "recycled_price_diff_jpy_per_t", "Recycled route minus primary route (a time path)."),
    k("low-carbon price difference", "JPY/t", "low_carbon_price_diff_jpy_per_t", "Low-carbon primary minus primary (a time path)."),
    k("price assumption", "", "price_assumption", "Marks the material's prices as assumptions."),
];
#[rustfmt::skip]
pub const PPA_PRICES: &[Key] = &[
    k("price", "JPY/MWh", "price_jpy_per_mwh", "Price per MWh delivered (virtual: net certificate cost; a time path)."),
    k("capex per MW", "JPY/MW", "capex_jpy_per_mw", "Capex of an own project per MW added."),
    k("lifetime", "years", "lifetime_years", "Annualisation period of the capex (20 when empty)."),
    k("O&M", "JPY/MW/yr", "opex_jpy_per_mw_yr", "O&M of an own project (a time path)."),
    k("price assumption", "", "price_assumption", "Marks the PPA's prices as assumptions."),
];

/// Item kinds of the Prices and capex sheet and their fields.
pub const PRICE_ITEMS: &[(&str, &[Key])] = &[
    ("Company", COMPANY_PRICES),
    ("Region", REGION_PRICES),
    ("Fuel", FUEL_PRICES),
    ("Site", SITE_PRICES),
    ("Material", MATERIAL_PRICES),
    ("PPA", PPA_PRICES),
];

#[rustfmt::skip]
pub const SITE_COLS: &[Col] = &[
    r("id", "", "id", "Short unique id (used by the other sheets)."),
    r("name", "", "name", "Name of the site."),
    r("region", "", "region", "Id of its grid region (Regions sheet)."),
    c("production", "t", "production_t", "Base-year production."),
    c("electricity", "MWh", "electricity_mwh", "Base-year electricity use (grid purchases + own generation used)."),
    c("process CO2", "t-CO2", "process_t_co2", "Base-year non-energy process emissions."),
    c("activity", "index", "activity", "Production index, 1 in the base year (a time path; 1 when empty)."),
    c("ownership", "share", "ownership", "Share inside the reporting boundary (a time path; 1 when empty)."),
    c("CO2-free share", "share", "co2_free_share", "Lever: share of grid purchases contracted CO2-free (a time path)."),
    c("efficiency electricity", "%/yr", "efficiency_electricity_pct", "Lever: electricity intensity improvement (a time path)."),
    c("efficiency fuel", "%/yr", "efficiency_fuel_pct", "Lever: fuel intensity improvement (a time path)."),
    c("process change share", "share", "process_change_share", "Lever: share of process emissions removed (a time path)."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const FUEL_USE_COLS: &[Col] = &[
    r("site", "", "", "Site id."),
    r("fuel", "", "fuel", "Fuel id (Fuels sheet)."),
    c("energy", "GJ", "gj", "Base-year use in GJ (or give the quantity)."),
    c("quantity", "fuel unit", "quantity", "Base-year use in the fuel's own unit (Fuels sheet)."),
];
#[rustfmt::skip]
pub const OWN_GENERATION_COLS: &[Col] = &[
    r("site", "", "", "Site id."),
    r("name", "", "name", "Name of the asset."),
    r("kind", "", "kind", "Hydro, Solar, Wind, Geothermal, Binary, Biomass or Other."),
    r("output", "MWh", "output_mwh", "Annual output (a time path)."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const FUEL_SWITCH_COLS: &[Col] = &[
    r("site", "", "", "Site id."),
    c("id", "", "id", "Name of the rule, unique in its site (from→to when empty)."),
    r("from", "", "from", "Fuel id switched away from."),
    r("to", "", "to", "Fuel id switched to, or electricity."),
    r("share", "share", "share", "Lever: share of the old fuel's demand moved (a time path)."),
    r("ratio", "GJ/GJ", "ratio", "GJ (or MWh-equivalent GJ) of the new carrier per GJ of the old one."),
    c("capex", "JPY", "capex_jpy", "Capex for moving 100 % of the site's base-year use."),
    c("lifetime", "years", "lifetime_years", "Annualisation period (20 when empty)."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const MEASURE_COLS: &[Col] = &[
    r("site", "", "", "Site id."),
    r("name", "", "name", "Name of the measure."),
    r("year", "FY", "year", "First fiscal year in force."),
    c("electricity saving", "%", "electricity_saving", "Saving as a percent of the site's electricity."),
    c("electricity saved", "MWh/yr", "electricity_saving", "Or the saving in MWh a year."),
    c("fuel saving", "%", "fuel_saving", "Saving as a percent of the site's fuel."),
    c("fuel saved", "GJ/yr", "fuel_saving", "Or the saving in GJ a year."),
    c("capex", "JPY", "capex_jpy", "Capex (empty = not given; 0 is a real zero)."),
    c("lifetime", "years", "lifetime_years", "Years in force (empty = for ever)."),
    SOURCE,
];
#[rustfmt::skip]
pub const REGION_COLS: &[Col] = &[
    r("id", "", "id", "Short unique id (the Sites sheet refers to it)."),
    r("name", "", "name", "Name of the grid or country."),
    r("grid factor", "kg-CO2/kWh", "ef_kg_per_kwh", "Market (adjusted) factor of the supplier (a time path)."),
    c("location factor", "kg-CO2/kWh", "ef_location_kg_per_kwh", "Location-based factor (the market factor when empty)."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const FUEL_COLS: &[Col] = &[
    r("id", "", "id", "Short unique id."),
    r("name", "", "name", "Name of the fuel."),
    r("emission factor", "t-CO2/GJ", "ef_t_per_gj", "CO2 per GJ burnt."),
    c("unit", "", "unit", "Physical unit use may be given in (kl, t, 千m³N …)."),
    c("energy per unit", "GJ/unit", "gj_per_unit", "Net calorific value per physical unit."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const MATERIAL_COLS: &[Col] = &[
    r("id", "", "id", "Short unique id."),
    r("name", "", "name", "Name of the purchased material."),
    c("site", "", "site", "Site id it is used at (the whole company when empty)."),
    r("quantity", "t", "quantity_t", "Base-year quantity."),
    r("primary factor", "t-CO2/t", "ef_primary_t_per_t", "Factor of the primary route."),
    r("recycled factor", "t-CO2/t", "ef_recycled_t_per_t", "Factor of the recycled route."),
    r("low-carbon factor", "t-CO2/t", "ef_low_carbon_t_per_t", "Factor of the low-carbon primary route."),
    c("recycled share", "share", "recycled_share", "Lever: recycled share (a time path)."),
    c("low-carbon share", "share", "low_carbon_share", "Lever: low-carbon primary share (a time path)."),
    c("fuel saving share", "share", "fuel_saving_share", "Share of the site's fuel saved as the recycled share goes from 0 to 1."),
    c("recycled feed CO2", "t-CO2/t", "recycled_feed_t_co2_per_t", "Extra Scope 1 at the site per extra recycled tonne."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const PPA_COLS: &[Col] = &[
    r("id", "", "id", "Short unique id."),
    r("name", "", "name", "Name of the PPA or project."),
    r("kind", "", "kind", "OnSite, OffSite or Virtual."),
    r("capacity", "MW", "capacity_mw", "Lever: capacity (a time path)."),
    r("yield", "MWh/MW", "yield_mwh_per_mw", "Output per MW a year (capacity factor × 8760)."),
    r("allocation", "", "allocation", "Sites served and shares summing to 1: SITE-A 0.5; SITE-B 0.5."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const HISTORY_COLS: &[Col] = &[
    r("year", "FY", "year", "Fiscal year."),
    c("kind", "", "kind", "Actual (used for baselines), Outlook or Plan; Actual when empty."),
    c("scope 1", "t-CO2", "scope1_t", "Reported Scope 1."),
    c("scope 2 market", "t-CO2", "scope2_t", "Reported Scope 2, market-based."),
    c("scope 2 location", "t-CO2", "scope2_location_t", "Reported Scope 2, location-based."),
    c("scope 1+2", "t-CO2", "scope12_t", "Scope 1+2 where only the total is published."),
    c("scope 3", "t-CO2", "scope3_t", "Reported Scope 3."),
    c("production", "t", "production_t", "Reported production."),
    c("primary energy", "GJ", "primary_energy_gj", "Reported primary energy."),
    c("fuel", "GJ", "fuel_gj", "Reported fuel energy."),
    c("electricity", "MWh", "electricity_mwh", "Reported electricity."),
    c("revenue", "JPY", "revenue_jpy", "Reported revenue."),
    SOURCE,
    ASSUMPTION,
];
#[rustfmt::skip]
pub const HISTORY_FUEL_COLS: &[Col] = &[
    r("year", "FY", "", "Fiscal year (a row of the History sheet)."),
    r("fuel", "", "fuel", "Fuel id."),
    c("area", "", "area", "Part of the company (domestic, overseas …)."),
    r("quantity", "fuel unit", "quantity", "Quantity in the fuel's own unit."),
];
#[rustfmt::skip]
pub const TARGET_COLS: &[Col] = &[
    r("label", "", "label", "Short name shown on the target cards."),
    r("year", "FY", "year", "Fiscal year the target is for."),
    r("scopes", "", "scopes", "Scopes covered: Scope1+Scope2, Scope3 …"),
    c("scope 2 method", "", "scope2_method", "Market (default) or Location."),
    c("credits count", "", "credits_count", "yes when credits count toward it (net zero)."),
    r("kind", "", "kind", "Absolute, Intensity or Level."),
    c("reduction", "%", "kind.reduction_pct", "Absolute, Intensity: reduction below the reference year."),
    c("reference year", "FY", "kind.reference_year", "Absolute, Intensity: the reference (baseline) year."),
    c("per", "", "kind.per", "Intensity: Tonne (of product) or MillionJpy (of revenue)."),
    c("level", "t-CO2", "kind.t_co2", "Level: the level to reach (0 for net zero)."),
    c("source", "", "source", "Where the target is published."),
];

/// The data sheets in the order they are written.
#[rustfmt::skip]
pub const SHEETS: &[SheetSpec] = &[
    SheetSpec {
        name: COMPANY,
        about: "The scenario's name, years and company-wide figures: one field a row.",
        cols: COMPANY_COLS,
        example: &[],
    },
    SheetSpec {
        name: SITES,
        about: "One row per site: its grid region, base-year production, electricity and process CO2, and its levers.",
        cols: SITE_COLS,
        example: &[
            "SMELTER",
            "Example smelter",
            "JP",
            "450000",
            "800000",
            "120000",
            "1",
            "1",
            "2018: 0; 2030: 1",
            "",
            "",
            "",
            "Annual report 2019 p. 12",
            "",
        ],
    },
    SheetSpec {
        name: FUEL_USE,
        about: "Base-year fuel use of each site: one row per site and fuel, in GJ or in the fuel's own unit.",
        cols: FUEL_USE_COLS,
        example: &["SMELTER", "HEAVY_OIL", "", "12000"],
    },
    SheetSpec {
        name: OWN_GENERATION,
        about: "Existing own generation of each site (physical supply to the site).",
        cols: OWN_GENERATION_COLS,
        example: &[
            "SMELTER",
            "Hydro plant",
            "Hydro",
            "30000",
            "Sustainability report p. 40",
            "",
        ],
    },
    SheetSpec {
        name: FUEL_SWITCHES,
        about: "Fuel-switch levers: move a share of one fuel's demand to another fuel or to electricity.",
        cols: FUEL_SWITCH_COLS,
        example: &[
            "SMELTER",
            "",
            "HEAVY_OIL",
            "LNG",
            "2018: 0; 2030: 0.5",
            "1",
            "",
            "",
            "",
            "",
        ],
    },
    SheetSpec {
        name: MEASURES,
        about: "Discrete efficiency measures of each site, in force from a year.",
        cols: MEASURE_COLS,
        example: &[
            "SMELTER",
            "Furnace burner renewal",
            "2026",
            "",
            "",
            "3",
            "",
            "500000000",
            "20",
            "",
        ],
    },
    SheetSpec {
        name: REGIONS,
        about: "Grid regions (countries or power companies) and their emission factors.",
        cols: REGION_COLS,
        example: &[
            "JP",
            "Japan grid",
            "2018: 0.462; 2030: 0.25",
            "",
            "Japan Mining Industry Association plan",
            "",
        ],
    },
    SheetSpec {
        name: FUELS,
        about: "Fuels: emission factor per GJ, and the physical unit use may be given in.",
        cols: FUEL_COLS,
        example: &[
            "HEAVY_OIL",
            "Heavy oil A",
            "0.0693",
            "kl",
            "39.1",
            "Emission factor list (MOE)",
            "",
        ],
    },
    SheetSpec {
        name: MATERIALS,
        about: "Purchased materials (Scope 3) and their recycled and low-carbon routes.",
        cols: MATERIAL_COLS,
        example: &[
            "CU_CONC",
            "Copper concentrate",
            "SMELTER",
            "300000",
            "3.0",
            "0.5",
            "1.5",
            "2018: 0.1; 2040: 0.5",
            "",
            "",
            "",
            "",
            "",
        ],
    },
    SheetSpec {
        name: PPAS,
        about: "PPAs and own renewable projects beyond the sites' existing own generation.",
        cols: PPA_COLS,
        example: &[
            "SOLAR1",
            "Off-site solar PPA",
            "OffSite",
            "2025: 0; 2026: 20",
            "1200",
            "SMELTER 1",
            "",
            "",
        ],
    },
    SheetSpec {
        name: HISTORY,
        about: "Reported figures of past years (baselines come from the Actual rows).",
        cols: HISTORY_COLS,
        example: &[
            "2018",
            "Actual",
            "1200000",
            "800000",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Sustainability report 2019 p. 30",
            "",
        ],
    },
    SheetSpec {
        name: HISTORY_FUELS,
        about: "Fuel quantities as reported for a History year (for the factor analysis).",
        cols: HISTORY_FUEL_COLS,
        example: &["2018", "HEAVY_OIL", "domestic", "12000"],
    },
    SheetSpec {
        name: TARGETS,
        about: "The company's targets.",
        cols: TARGET_COLS,
        example: &[
            "-50 % vs FY2018",
            "2030",
            "Scope1+Scope2",
            "Market",
            "no",
            "Absolute",
            "50",
            "2018",
            "",
            "",
            "Medium-term plan",
        ],
    },
    SheetSpec {
        name: PRICES,
        about: "Prices, capex and cost settings: one field a row, by item (README lists them).",
        cols: PRICE_COLS,
        example: &["Region", "JP", "power price", "2018: 15000", "JPY/MWh"],
    },
];

/// The spec of a sheet by name.
pub fn sheet_spec(name: &str) -> Option<&'static SheetSpec> {
    SHEETS.iter().find(|s| same_name(s.name, name))
}

/// The choices of the enum columns, as the workbook and the window write them.
pub const GENERATION_KINDS: &[(&str, crate::model::GenerationKind)] = &[
    ("Hydro", crate::model::GenerationKind::Hydro),
    ("Solar", crate::model::GenerationKind::Solar),
    ("Wind", crate::model::GenerationKind::Wind),
    ("Geothermal", crate::model::GenerationKind::Geothermal),
    ("Binary", crate::model::GenerationKind::Binary),
    ("Biomass", crate::model::GenerationKind::Biomass),
    ("Other", crate::model::GenerationKind::Other),
];
pub const PPA_KINDS: &[(&str, crate::model::PpaKind)] = &[
    ("OnSite", crate::model::PpaKind::OnSite),
    ("OffSite", crate::model::PpaKind::OffSite),
    ("Virtual", crate::model::PpaKind::Virtual),
];
pub const HISTORY_KINDS: &[(&str, crate::model::HistoryKind)] = &[
    ("Actual", crate::model::HistoryKind::Actual),
    ("Outlook", crate::model::HistoryKind::Outlook),
    ("Plan", crate::model::HistoryKind::Plan),
];
pub const METHODS: &[(&str, crate::model::Scope2Method)] = &[
    ("Market", crate::model::Scope2Method::Market),
    ("Location", crate::model::Scope2Method::Location),
];
pub const PERS: &[(&str, crate::model::Per)] = &[
    ("Tonne", crate::model::Per::Tonne),
    ("MillionJpy", crate::model::Per::MillionJpy),
];
