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
        "P5–P95" => "P5–P95（90%区間）",
        "P25–P75" => "P25–P75（50%区間）",
        "Median (P50)" => "中央値（P50）",
        "What matters most" => "影響の大きい入力",
        "How sure is the plan" => "計画の確からしさ",
        "Seed" => "シード",
        "(full engine per draw)" => "（各抽出をエンジン全体で計算）",
        "Deterministic run" => "確定的な計算",
        "Deterministic" => "確定値",
        "All targets" => "全目標",
        "NPV of the plan's cost" => "計画コストの正味現在価値",
        "Cost against BAU" => "BAU比のコスト",
        "Carbon-price exposure change" => "炭素価格負担の変化",
        "Each bar: the metric with one input at its P10 and at its P90, every other input at the scenario's value." => {
            "各バー：1つの入力をP10とP90にし、他の入力はシナリオの値としたときの指標。"
        }
        "Input" => "入力",
        "Multiplies" => "対象",
        "Distribution of the multiplier" => "倍率の分布",
        "Known until" => "確定年度",
        "Input at its P10" => "入力がP10のとき",
        "Input at its P90" => "入力がP90のとき",
        "Not drawn (narrower)" => "省略（幅が小さい）",
        "No effect on this metric" => "この指標に影響なし",
        "updating…" => "更新中…",
        "Sobol indices cancelled" => "Sobol指数の計算を中止しました",
        "P50 of the gap" => "差の中央値（P50）",
        "Sobol indices of an earlier state of the scenario" => "以前のシナリオ状態のSobol指数",
        "all" => "すべて",
        "assumption" => "前提",
        "deterministic run" => "確定的な計算",
        "first order" => "一次",
        "input at P10" => "入力がP10",
        "input at P90" => "入力がP90",
        "known until" => "確定年度",
        "one draw per member" => "対象ごとに個別に抽出",
        "ramp" => "移行年数",
        "remove" => "削除",
        "source" => "出典",
        "total" => "総合",
        "while editing" => "編集中",
        "Each input at its P10 and P90, every other at the scenario's value; deterministic" => {
            "各入力をP10とP90に、他の入力はシナリオの値に。確定値"
        }
        "Uncertainty" => "不確実性",
        "Show the fan" => "ファンを表示",
        "P(met)" => "達成確率",
        "Chance of meeting each target" => "各目標の達成確率",
        "Compute Sobol indices" => "Sobol指数を計算",
        "Uncertain inputs" => "不確実な入力",
        "Add input" => "入力を追加",
        "draws" => "抽出数",
        "seed" => "シード",
        "Latin hypercube" => "ラテン超方格",
        "Random" => "ランダム",
        "No uncertain inputs: add one below to see how sure the plan is." => {
            "不確実な入力がありません。下で追加すると計画の確からしさが分かります。"
        }
        "By source" => "排出源別",
        "By site" => "拠点別",
        "Scope 3" => "スコープ3",
        "Location-based Scope 2" => "ロケーション基準スコープ2",
        "History" => "実績値",
        "Outlook / plan" => "見通し・計画",
        "Projection" => "予測",
        "Net" => "ネット",
        "Baseline" => "基準値",
        " (model)" => "（モデル値）",
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
        "(none)" => "（なし）",
        "* marks an assumption: a figure the sources do not give, chosen by the planner." => {
            "* は前提（出典にない数値を計画担当者が設定したもの）を示す。"
        }
        "Assumption" => "前提",
        "CO2-free share" => "CO2フリー比率",
        "Capacity" => "容量",
        "Charts" => "グラフ",
        "Covered scopes" => "対象スコープ",
        "Cumulative" => "累積",
        "Dark theme" => "ダークテーマ",
        "Electricity (location)" => "電力（ロケーション基準）",
        "Emission factor" => "排出係数",
        "Exported" => "エクスポート完了",
        "Field" => "項目",
        "File path" => "ファイルのパス",
        "Find site" => "拠点を検索",
        "Fiscal year" => "年度",
        "Fiscal year (April–March)" => "年度（4月〜翌3月）",
        "Fuel" => "燃料",
        "Fuels" => "燃料",
        "GJ (or MWh × 3.6) of the new carrier per GJ replaced" => {
            "置き換える燃料1 GJあたりの新しいエネルギー量（GJ、電力はMWh×3.6）"
        }
        "Grid regions" => "系統地域",
        "Gross (before credits)" => "総量（クレジット控除前）",
        "Inputs" => "入力",
        "Item" => "対象",
        "Key figures" => "主要指標",
        "Kind" => "種別",
        "Low-carbon primary share" => "低炭素新地金比率",
        "Material" => "原材料",
        "Materials (Scope 3)" => "原材料（スコープ3）",
        "Metric" => "指標",
        "Metric of the key figures, wedges and bridge" => "主要指標・削減ウェッジ・ブリッジの指標",
        "Model" => "モデル",
        "Model against reported actuals" => "モデルと実績の比較",
        "Model − reported" => "モデル − 実績",
        "Net of credits" => "クレジット控除後",
        "No file dialog is available here: type the path of the file." => {
            "ファイルダイアログを表示できません。保存先のパスを入力してください。"
        }
        "No fuel-switching rule yet." => "燃料転換ルールはまだありません。",
        "No site reports process emissions." => "プロセス排出のある拠点はありません。",
        "Off-site" => "オフサイト",
        "On-site" => "オンサイト",
        "Organisation materials (Scope 3)" => "全社の原材料（スコープ3）",
        "Other sites" => "その他の拠点",
        "Other sources" => "その他の排出源",
        "Plan" => "計画",
        "Prepared" => "作成日",
        "Process" => "プロセス",
        "Production" => "生産量",
        "Quantity" => "数量",
        "Recycled share" => "リサイクル材比率",
        "Reported" => "実績",
        "Reported figures [t-CO2]" => "報告値 [t-CO2]",
        "Save to" => "保存先",
        "Scope 1+2 (market), gross: the association's decomposition" => {
            "スコープ1+2（マーケット基準）・総量：業界団体の要因分析"
        }
        "Serve also…" => "供給先を追加…",
        "Site" => "拠点",
        "Site of the new rule" => "新しいルールの拠点",
        "Sites (base year)" => "拠点（基準年）",
        "Sources and assumptions" => "出典と前提",
        "Stop serving this site" => "この拠点への供給をやめる",
        "Targets as set" => "設定された目標",
        "Total" => "合計",
        "Unit" => "単位",
        "Virtual (certificates)" => "バーチャル（証書）",
        "Wedges against BAU" => "なりゆき比の削減ウェッジ",
        "absolute equivalent" => "総量換算",
        "as target" => "目標と同じ：",
        "in" => "",
        "location-based S2" => "ロケーション基準S2",
        "more sites" => "拠点（ほか）",
        "net of credits" => "クレジット控除",
        "primary / recycled / low-carbon [t-CO2/t]" => "新地金 / リサイクル / 低炭素 [t-CO2/t]",
        "serves the site with the largest grid purchase not yet CO2-free" => {
            "CO2フリー化されていない拠点のうち系統電力購入が最大の拠点に供給"
        }
        "starts in" => "開始",
        "type in Find site to reach one" => "「拠点を検索」で絞り込み",
        "unit" => "単位",
        "Reported actual" => "実績",
        "Published outlook" => "公表見通し",
        "Published plan" => "公表計画",
        "Opened" => "開きました：",
        "Opening" => "開いています：",
        "Exporting" => "書き出しています：",
        "Cancelled" => "取り消しました",
        "Recover unsaved changes?" => "保存されていない変更を復元しますか？",
        "Recover unsaved changes to" => "保存されていない変更を復元：",
        "Decarb Planner did not close normally. What differs from the saved file:" => {
            "Decarb Planner は正常に終了しませんでした。保存されたファイルとの違い："
        }
        "Recover" => "復元",
        "Recovered changes from" => "変更を復元しました：",
        "Saved" => "保存しました：",
        "Scope 1" => "スコープ1",
        "Scope 2 (market)" => "スコープ2（マーケット基準）",
        "Scope 2 (location)" => "スコープ2（ロケーション基準）",
        "Click to hide or show" => "クリックで表示・非表示",
        "Scope 1+2 (market), gross" => "スコープ1+2（マーケット基準）・総量",
        "log % add up; a log % is not a simple %" => "対数%は足し合わせられる（単純な増減率とは異なる）",
        "Electricity efficiency" => "電力原単位改善",
        "Fuel efficiency" => "燃料原単位改善",
        "Revenue" => "売上高",
        "Levers and assumptions over time" => "レバーと前提の推移",
        "Lever" => "レバー",
        "Keyframes (linear in between, held after the last)" => {
            "キーフレーム（間は線形補間、最後の値を以後維持）"
        }
        "Cost of the plan" => "計画のコスト",
        "Real JPY against BAU over" => "BAU比・実質円、期間",
        "discount rate" => "割引率",
        "abatement metric" => "削減量の指標",
        "NPV of the plan" => "計画の正味現在価値（NPV）",
        "Average cost per tonne" => "1トン当たり平均コスト",
        "Capex of the plan" => "計画の設備投資額",
        "NPV of carbon-price exposure (plan / BAU)" => "炭素価格負担のNPV（計画／BAU）",
        "Exposure" => "炭素価格負担",
        "at the target level" => "目標水準で",
        "the plan's own" => "計画そのもの",
        "Carbon-price exposure" => "炭素価格負担",
        "n/a — no carbon price" => "該当なし（炭素価格の記載なし）",
        "Lever group" => "施策グループ",
        "Cost per discounted tonne" => "割引後1トン当たりコスト",
        "NPV per cumulative tonne" => "累積1トン当たりNPV",
        "Break-even carbon price" => "損益分岐炭素価格",
        "Abatement" => "削減量",
        "Capex intensity [円 per t/yr]" => "投資原単位［円/(t/年)］",
        "Notes" => "注記",
        "incomplete" => "価格不足",
        "assumed prices" => "仮定価格",
        "Not counted (no price in the file; never taken as 0):" => {
            "未計上（ファイルに価格なし。0とはみなしません）："
        }
        "Each group's figures are its Shapley share, order-free, not the cost of adding it last; a cheap bar is not a reason to do it first, and a negative cost usually hides barriers the model does not price." => {
            "各グループの値はシャープレイ値による配分で、順序に依存せず、最後に追加した場合のコストではありません。安い施策を先に行う理由にはならず、マイナスのコストはモデルが価格付けしない障壁を隠していることが多い点に注意してください。"
        }
        "Cost" => "コスト",
        "by component" => "費目別",
        "MACC:" => "MACC：",
        "by site" => "拠点別",
        "cumulative width" => "累積幅",
        "with the carbon price" => "炭素価格込み",
        "Plan cost against BAU" => "BAU比の計画コスト",
        "Exposure change" => "炭素価格負担の変化",
        "cost per tonne" => "1トン当たりコスト",
        "cumulative abatement" => "累積削減量",
        "abatement a year" => "年間削減量",
        "Cut needed from BAU" => "BAUからの必要削減量",
        "organisation" => "全社",
        "The file gives no price, capex or carbon price: there is nothing to cost. Add prices to the file (regions' power prices, fuel prices, premiums, capex) to see the plan's cost." => {
            "ファイルに価格・設備投資額・炭素価格がないため、コストを計算できません。電力価格、燃料価格、プレミアム、設備投資額をファイルに加えると計画のコストが表示されます。"
        }
        "the carbon price per site is not shown" => "拠点別の炭素価格込みは表示しません",
        "incomplete (prices missing)" => "価格不足のため不完全",
        "counted so far" => "計上済み分",
        "n/a — no net abatement" => "該当なし（正味の削減なし）",
        "n/a — raises emissions" => "該当なし（排出増）",
        "n/a — prices missing" => "該当なし（価格不足）",
        "grid power" => "系統電力",
        "CO2-free premium" => "CO2フリー電力プレミアム",
        "fuels" => "燃料",
        "PPAs and own projects" => "PPA・自社発電",
        "materials" => "原材料",
        "process opex" => "プロセス運転費",
        "capex (annuities)" => "設備投資（年賦）",
        "credits" => "クレジット",
        "yr" => "年",
        "PPAs: prices, capex and lifetimes" => "PPA：価格・設備投資額・耐用年数",
        "n/a" => "該当なし",
        "priced part only" => "価格のある部分のみ",
        "capex not given, not counted" => "件の設備投資額が未設定・未計上",
        "Not drawn (see the table):" => "描画しないグループ（表を参照）：",
        "No bar: every lever group misses a price or has no cost per tonne." => {
            "棒なし：すべての施策グループで価格が不足しているか、1トン当たりコストが定義できません。"
        }
        "region's premium" => "地域のプレミアムを適用",
        "not given: 0" => "未設定：0",
        "Japan's global warming tax (地球温暖化対策税)" => "地球温暖化対策税",
        "JX's tax-risk price, USD 50/t × 154.7" => "JX社の炭素税リスク想定（50米ドル/t × 154.7円）",
        "Europe ~10,000円/t" => "欧州並み（約10,000円/t）",
        "Not given: left out of the cost and listed, never taken as 0" => {
            "未設定：コストから除外して一覧表示（0とはみなしません）"
        }
        "clear" => "未設定に戻す",
        "not given" => "未設定",
        "give" => "設定",
        "Enter a value (0 is a real zero)" => "値を入力（0は実際のゼロ）",
        "not given: left out of the cost and listed" => "未設定：コストから除外して一覧表示",
        "Flat from the base year:" => "基準年から一定：",
        "Prices and costs" => "価格とコスト",
        "Real JPY of the price year; they move the cost view only." => {
            "価格基準年の実質円。コスト表示のみに影響します。"
        }
        "Discount rate" => "割引率",
        "Default lifetime" => "既定の耐用年数",
        "Grid power" => "系統電力",
        "power price" => "電力価格",
        "price" => "価格",
        "capex" => "設備投資額",
        "lifetime" => "耐用年数",
        "opex" => "運転費",
        "Materials" => "原材料",
        "recycled minus primary" => "リサイクル材と一次材の価格差",
        "low-carbon minus primary" => "低炭素一次材と一次材の価格差",
        "Credit price" => "クレジット価格",
        "Sites: premiums, capex and lifetimes" => "拠点別：プレミアム・設備投資額・耐用年数",
        "efficiency capex" => "省エネ設備投資額",
        "efficiency lifetime" => "省エネ設備の耐用年数",
        "process-change capex" => "プロセス転換の設備投資額",
        "process-change lifetime" => "プロセス転換の耐用年数",
        "process-change opex" => "プロセス転換の運転費",
        "fuel switch" => "燃料転換",
        "(NPV per t cut that year)" => "（その年度の削減1トンあたりNPV）",
        "Add the target" => "目標を追加",
        "Added target" => "目標を追加しました:",
        "Close" => "閉じる",
        "Default (min: the value in the freeze year; max: the top of the lever's domain). Click to set your own." => {
            "既定値（下限: 固定年度の値、上限: レバーの取りうる最大値）。クリックで任意の値を設定。"
        }
        "Find the least-cost levers" => "最小費用のレバーを探す",
        "Freeze year (nothing changes up to it):" => "固定年度（この年度まで変更なし）:",
        "Goal seek answer" => "ゴールシークの解",
        "Goal seek cancelled" => "ゴールシークを中止しました",
        "Goal seek" => "ゴールシーク",
        "Goal seek…" => "ゴールシーク…",
        "Include the carbon price in the cost" => "炭素価格を費用に含める",
        "Keep: make it the plan" => "採用: 計画にする",
        "Last tonne of" => "最後の1トン:",
        "Levers and their bounds" => "レバーと範囲",
        "Linear reduction rate" => "年率削減率（線形）",
        "NPV, answer" => "NPV（解）",
        "New target from template" => "テンプレートから目標を作成",
        "New target from template…" => "テンプレートから目標を作成…",
        "Note" => "注",
        "Reduction by the target year" => "目標年度までの削減率",
        "Reference (base) year" => "基準年度",
        "Relax the bound of" => "上限を緩める候補",
        "Save as file…" => "ファイルとして保存…",
        "Target year" => "目標年度",
        "Targets to meet" => "達成する目標",
        "The goal seek's answer is now the plan (Undo goes back)" => {
            "ゴールシークの解を計画にしました（元に戻すで戻せます）"
        }
        "The plan changed since the search ran, or the answer is the plan: run it again." => {
            "探索後に計画が変わったか、解が計画と同じです。もう一度実行してください。"
        }
        "answer" => "解",
        "at lower bound" => "下限",
        "at upper bound" => "上限",
        "best found by sequential linear programming (a local optimum)" => {
            "逐次線形計画法で見つけた最良解（局所最適）"
        }
        "difference" => "差",
        "engine runs" => "回の計算",
        "in the target's year" => "目標年度のみ",
        "inside" => "範囲内",
        "levelised" => "平準化",
        "max" => "上限",
        "min" => "下限",
        "no room" => "余地なし",
        "on the glide line every year" => "毎年、削減経路上で",
        "plan" => "計画",
        "where" => "位置",
        "The least-cost lever values (NPV of cost from the year after the freeze year) that meet the chosen targets." => {
            "選んだ目標を満たす、費用（固定年度の翌年度からのNPV）が最小のレバーの値。"
        }
        "SBTi absolute contraction, 1.5 °C" => "SBTi 総量削減（1.5℃）",
        "SBTi absolute contraction, well-below 2 °C" => "SBTi 総量削減（2℃を十分下回る）",
        "SBTi long-term net zero" => "SBTi 長期ネットゼロ",
        "Glide line" => "削減経路",
        "every material" => "全材料",
        "Electricity efficiency %/yr" => "電力効率 %/年",
        "Fuel efficiency %/yr" => "燃料効率 %/年",
        "Low-carbon share" => "低炭素新地金比率",
        "PPA capacity MW" => "PPA容量 MW",
        "Credits t/yr" => "クレジット t/年",
        "Made worse (not listed)" => "悪化する目標（対象外）",
        "The dotted glide line on the trajectory runs from the reference year's emissions to the target level." => {
            "推移グラフの点線は基準年度の排出量から目標水準までの削減経路です。"
        }
        "each member's freeze-year value" => "各拠点の固定年度の値",
        "Inventory — company structure" => "インベントリ — 会社の構成",
        "Company" => "会社",
        "Sites" => "拠点",
        "PPAs" => "PPA",
        "new" => "新規",
        "changed" => "変更あり",
        "Up" => "上へ",
        "Down" => "下へ",
        "Reset" => "元に戻す",
        "Back to the saved values" => "保存した値に戻す",
        "Add" => "追加:",
        "grid region" => "電力の地域",
        "fuel" => "燃料",
        "material" => "原料",
        "PPA" => "PPA",
        "target" => "目標",
        "history year" => "実績年度",
        "Add site" => "拠点を追加",
        "Remove site…" => "拠点を削除…",
        "Reset site" => "拠点を元に戻す",
        "Base-year fuel use" => "基準年度の燃料使用量",
        "Add fuel use" => "燃料使用を追加",
        "Own generation" => "自家発電",
        "Add own generation" => "自家発電を追加",
        "Boundary and prices" => "範囲と価格",
        "Add a grid region first." => "先に電力の地域を追加してください。",
        "No site yet: Add site, then enter its base-year inventory." => {
            "拠点がまだありません。拠点を追加し、基準年度のインベントリを入力してください。"
        }
        "Add fuels on the Fuels tab first." => "先に「燃料」タブで燃料を追加してください。",
        "Every input checks: the charts show this inventory." => {
            "すべての入力に問題はありません。グラフはこのインベントリを表示しています。"
        }
        "problem(s)" => "件の問題",
        "the charts show the last inventory that checked" => {
            "グラフは問題のなかった最後のインベントリを表示しています"
        }
        "Remove?" => "削除しますか?",
        "Nothing else refers to it." => "ほかに参照している項目はありません。",
        "This also changes:" => "次の項目も変わります:",
        "Notes for the reader (what the scenario assumes; shown in review mode and at the top of the report)" => {
            "読み手へのメモ(シナリオの前提。レビューモードとレポートの冒頭に表示)"
        }
        "Description" => "説明",
        "New company" => "新しい会社",
        "New company…" => "新しい会社…",
        "Scenario name" => "シナリオ名",
        "Base year (inventory)" => "基準年度(インベントリ)",
        "Last year" => "最終年度",
        "Currency" => "通貨",
        "Japan (adjusted factor path of the shipped data, marked as an assumption)" => {
            "日本(同梱データの調整後排出係数の推移。仮定として記録)"
        }
        "Other regions, one per line (their factor is entered next):" => {
            "その他の地域(1行に1つ。係数は次に入力):"
        }
        "Create" => "作成",
        "Import a workbook instead…" => "代わりにワークブックを取り込む…",
        "Import" => "取り込み",
        "Inventory workbook (.xlsx)…" => "インベントリのワークブック(.xlsx)…",
        "Folder of inventory CSV files…" => "インベントリのCSVフォルダ…",
        "Save the empty workbook to fill…" => "記入用の空のワークブックを保存…",
        "Inventory…" => "インベントリ…",
        "New company: add its sites and fuels" => "新しい会社:拠点と燃料を追加してください",
        "Wrote the inventory workbook to fill:" => "記入用のワークブックを書き出しました:",
        "Importing" => "取り込み中",
        "Imported" => "取り込みました",
        "save it as a scenario file" => "シナリオファイルとして保存してください",
        "problem(s); nothing was imported" => "件の問題。何も取り込んでいません",
        "id" => "ID",
        "name" => "名称",
        "region" => "地域",
        "production [t]" => "生産量 [t]",
        "electricity [MWh]" => "電力 [MWh]",
        "process CO2 [t-CO2]" => "プロセスCO2 [t-CO2]",
        "activity [index]" => "活動量 [指数]",
        "ownership [share]" => "出資比率 [割合]",
        "grid factor [kg-CO2/kWh]" => "排出係数 [kg-CO2/kWh]",
        "emission factor [t-CO2/GJ]" => "排出係数 [t-CO2/GJ]",
        "energy per unit [GJ/unit]" => "単位発熱量 [GJ/単位]",
        "energy [GJ]" => "熱量 [GJ]",
        "quantity [fuel unit]" => "数量 [燃料の単位]",
        "label" => "名称",
        "year [FY]" => "年度 [FY]",
        "scopes" => "スコープ",
        "kind" => "種類",
        "reduction [%]" => "削減率 [%]",
        "reference year [FY]" => "基準年度 [FY]",
        "level [t-CO2]" => "水準 [t-CO2]",
        "output [MWh]" => "発電量 [MWh]",
        "capacity [MW]" => "容量 [MW]",
        "allocation" => "配分",
        "quantity [t]" => "数量 [t]",
        "site" => "拠点",
        "author" => "作成者",
        "currency" => "通貨",
        "base year [FY]" => "基準年度 [FY]",
        "last year [FY]" => "最終年度 [FY]",
        "primary energy per MWh [GJ/MWh]" => "電力1MWhあたり一次エネルギー [GJ/MWh]",
        "revenue [JPY]" => "売上高 [円]",
        "credits [t-CO2/yr]" => "クレジット [t-CO2/年]",
        "credit price [JPY/t-CO2]" => "クレジット価格 [円/t-CO2]",
        "carbon price [JPY/t-CO2]" => "炭素価格 [円/t-CO2]",
        "discount rate [%/yr]" => "割引率 [%/年]",
        "cost source" => "コストの出典",
        "cost assumption" => "コストの仮定",
        "Could not import the workbook" => "ワークブックを取り込めませんでした",
        "Could not create the company" => "会社を作成できませんでした",
        "CO2-free premium [JPY/MWh]" => "CO2フリー電力の上乗せ単価 [円/MWh]",
        "efficiency capex [JPY per MWh/yr]" => "省エネ投資 [円/(MWh/年)]",
        "efficiency capex [JPY per GJ/yr]" => "省エネ投資 [円/(GJ/年)]",
        "process change capex [JPY]" => "プロセス転換の投資額 [円]",
        "process change opex [JPY/yr]" => "プロセス転換の運転費 [円/年]",
        "price assumption" => "価格の仮定",
        "power price [JPY/MWh]" => "電力単価 [円/MWh]",
        "location factor [kg-CO2/kWh]" => "ロケーション基準係数 [kg-CO2/kWh]",
        "price [JPY/GJ]" => "価格 [円/GJ]",
        "price [JPY/MWh]" => "価格 [円/MWh]",
        "The inventory's last edits did not check and were dropped: the scenario is the last one that checked" => {
            "インベントリの最後の編集は検証を通らなかったため破棄しました。シナリオは検証を通った最後の状態です"
        }
        "fuel saving share" => "燃料削減割合",
        "primary factor [t-CO2/t]" => "一次原料の係数 [t-CO2/t]",
        "recycled factor [t-CO2/t]" => "リサイクル原料の係数 [t-CO2/t]",
        "low-carbon factor [t-CO2/t]" => "低炭素原料の係数 [t-CO2/t]",
        "yield [MWh/MW]" => "発電量 [MWh/MW]",
        "capex per MW [JPY/MW]" => "MWあたり投資額 [円/MW]",
        "lifetime [years]" => "耐用年数 [年]",
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
    // No "−0.0 %": what rounds to zero is zero.
    let v = if v.abs() < 0.05 { 0.0 } else { v };
    let s = format!("{}{:.1} %", if v > 0.0 { "+" } else { "" }, v);
    s.replace('-', "−")
}
