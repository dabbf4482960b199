//! English and Japanese labels, and number formats for each language.

use crate::units::{Units, group};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// The label in the language (English is the key).
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja(en).unwrap_or(en),
    }
}

fn ja(en: &str) -> Option<&'static str> {
    Some(match en {
        "File" => "ファイル",
        "New" => "新規",
        "Open…" => "開く…",
        "Open recent" => "最近使ったファイル",
        "Save" => "保存",
        "Save As…" => "名前を付けて保存…",
        "Quit" => "終了",
        "Edit" => "編集",
        "Undo" => "元に戻す",
        "Redo" => "やり直す",
        "Reset all levers to saved" => "すべてのレバーを保存時に戻す",
        "View" => "表示",
        "Language" => "言語",
        "Units" => "単位",
        "Levers" => "レバー",
        "CO2-free power" => "CO2フリー電力",
        "All sites" => "全拠点",
        "Region" => "地域",
        "Apply" => "適用",
        "share" => "比率",
        "from FY" => "開始年度",
        "reached in FY" => "達成年度",
        "Recycle ratio" => "リサイクル比率",
        "recycled" => "リサイクル材",
        "low-carbon primary" => "低炭素新地金",
        "Fuel switching" => "燃料転換",
        "Add rule" => "ルール追加",
        "Remove" => "削除",
        "ratio" => "効率比",
        "PPA and own renewables" => "PPA・自家再エネ",
        "capacity MW" => "容量 MW",
        "yield MWh/MW" => "発電量 MWh/MW",
        "start FY" => "開始年度",
        "sites served" => "供給先拠点",
        "Add PPA" => "PPA追加",
        "Efficiency" => "省エネ",
        "electricity %/yr" => "電力 %/年",
        "fuel %/yr" => "燃料 %/年",
        "Process change" => "プロセス転換",
        "Grid emission factor" => "電力排出係数",
        "scale" => "倍率",
        "Activity" => "活動量",
        "growth %/yr" => "成長率 %/年",
        "Ownership" => "出資比率",
        "Credits" => "クレジット",
        "Carbon price" => "カーボンプライス",
        "keyframes" => "キーフレーム",
        "Reset to saved" => "保存時に戻す",
        "reset" => "戻す",
        "changed from the saved file" => "保存ファイルから変更あり",
        "Trajectory" => "排出推移",
        "By source" => "排出源別",
        "By site" => "拠点別",
        "Scope 3" => "スコープ3",
        "Location-based Scope 2" => "ロケーション基準スコープ2",
        "History" => "実績",
        "Outlook / plan" => "見通し・計画",
        "Projection" => "予測",
        "Net" => "ネット",
        "Baseline" => "基準年",
        "Target" => "目標",
        "Targets" => "目標",
        "met" => "達成",
        "missed" => "未達",
        "value" => "値",
        "level" => "目標値",
        "gap" => "差",
        "vs FY2013" => "2013年度比",
        "vs FY2018" => "2018年度比",
        "Cumulative to" => "累積",
        "Intensity" => "原単位",
        "intensity met, absolute missed" => "原単位は達成、総量は未達",
        "Unsaved changes" => "未保存の変更",
        "Save changes before closing?" => "閉じる前に変更を保存しますか？",
        "Discard" => "破棄",
        "Cancel" => "キャンセル",
        "Could not open the file" => "ファイルを開けませんでした",
        "Could not save the file" => "ファイルを保存できませんでした",
        "The current scenario is unchanged." => "現在のシナリオは変更されていません。",
        "OK" => "OK",
        "untitled" => "無題",
        "Scopes" => "スコープ",
        "Sources" => "排出源",
        "Electricity (market)" => "電力（マーケット基準）",
        "Process (non-energy)" => "プロセス（非エネルギー）",
        "Recycled feed combustion" => "リサイクル原料燃焼",
        "The scenario has problems:" => "シナリオに問題があります：",
        "Drop a .ron scenario file to open it" => ".ronシナリオファイルをドロップして開く",
        "BAU" => "なりゆき (BAU)",
        "Electricity" => "電力",
        "Wedges" => "削減ウェッジ",
        "Bridge" => "ブリッジ",
        "Factors" => "要因分析",
        "Factor" => "要因",
        "Gap to BAU" => "なりゆきとの差",
        "Review mode" => "レビューモード",
        "Recycling" => "リサイクル",
        "To base year" => "基準年まで",
        "Other" => "その他",
        "from" => "から",
        "to" => "まで",
        "Economic activity (production)" => "経済活動量（生産量）",
        "Energy intensity (energy per t)" => "エネルギー原単位",
        "Carbon intensity (CO2 per energy)" => "CO2排出係数（エネルギー当たり）",
        "CO2 emissions change" => "CO2排出量の増減",
        "Summary" => "概要",
        "Compare" => "比較",
        "Compare with…" => "比較するファイルを開く…",
        "Close comparison" => "比較を閉じる",
        "Export" => "エクスポート",
        "HTML report…" => "HTMLレポート…",
        "XLSX workbook…" => "XLSXブック…",
        "CSV of each chart…" => "グラフごとのCSV…",
        "PNG of the charts…" => "グラフのPNG…",
        "Inputs and levers that differ" => "異なる入力とレバー",
        "No differences" => "差異なし",
        _ => return None,
    })
}

/// A fiscal year: `FY2030` or `2030年度`.
pub fn fy(lang: Lang, year: i32) -> String {
    match lang {
        Lang::En => format!("FY{year}"),
        Lang::Ja => format!("{year}年度"),
    }
}

/// Tonnes in the display unit (万t is written the same in both languages).
pub fn tonnes(_lang: Lang, units: Units, t: f64) -> String {
    units.fmt(t)
}

/// Electricity: `12.3 GWh` or `1.23億kWh`.
pub fn mwh(lang: Lang, v: f64) -> String {
    match lang {
        Lang::En => format!("{} GWh", group(v / 1e3, 1)),
        Lang::Ja => format!("{}億kWh", group(v / 1e5, 2)),
    }
}

/// A signed percentage with a true minus sign.
pub fn pct(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let s = format!("{}{:.1} %", if v > 0.0 { "+" } else { "" }, v);
    s.replace('-', "−")
}
