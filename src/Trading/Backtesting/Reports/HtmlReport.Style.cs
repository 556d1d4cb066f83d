namespace Trading.Backtesting.Reports;

public static partial class HtmlReport
{
    /// <summary>The page's whole style sheet: system fonts only, so nothing is fetched.</summary>
    internal const string Css = """
        :root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f3f4f6;--card:#fff;--pos:#15803d;--neg:#b91c1c;--accent:#2563eb}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
        main{max-width:1240px;margin:0 auto;padding:28px 24px 40px}
        header{background:linear-gradient(135deg,#0f172a,#1e3a8a);color:#fff;border-radius:14px;padding:24px 28px;margin-bottom:18px}
        .eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:11px;opacity:.7}
        h1{margin:2px 0 14px;font-size:28px;font-weight:650}
        h2{margin:0 0 12px;font-size:16px;font-weight:650}
        .facts{display:flex;flex-wrap:wrap;gap:10px 36px;margin-bottom:12px}
        .facts span{display:block;font-size:11px;text-transform:uppercase;letter-spacing:.06em;opacity:.7}
        .facts strong{font-size:16px;font-weight:600;font-variant-numeric:tabular-nums}
        .chips{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-top:8px}
        .chip-label{font-size:11px;text-transform:uppercase;letter-spacing:.06em;opacity:.7;margin-right:4px}
        .chip{background:rgba(255,255,255,.14);border-radius:999px;padding:2px 10px;font-size:12px}
        .chip b{font-weight:600;opacity:.75;margin-right:4px}
        .kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin-bottom:18px}
        .kpi{background:var(--card);border-radius:12px;padding:14px 16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        .kpi span{display:block;color:var(--muted);font-size:12px}
        .kpi strong{font-size:24px;font-weight:650;font-variant-numeric:tabular-nums}
        .card{background:var(--card);border-radius:12px;padding:18px 20px;margin-bottom:18px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        .pos{color:var(--pos)}.neg{color:var(--neg)}.muted{color:var(--muted);font-weight:400}
        .chart{width:100%;height:auto;display:block;font-size:11px}
        .chart .grid line{stroke:var(--line);stroke-width:1}
        .chart .grid text,.chart .empty{fill:var(--muted)}
        .chart .frame{fill:none;stroke:#d1d5db}
        .chart .legend text{fill:var(--ink);font-size:12px}
        .chart .hover rect{fill:transparent}
        .chart .hover rect:hover{fill:rgba(37,99,235,.10)}
        .metrics{display:grid;grid-template-columns:repeat(3,1fr);gap:24px}
        table{border-collapse:collapse;width:100%}
        .metric-group th{text-align:left;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);border-bottom:2px solid var(--line);padding:6px 0}
        .metric-group td{padding:7px 0;border-bottom:1px solid var(--line)}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .heatmap{table-layout:fixed;font-variant-numeric:tabular-nums}
        .heatmap th{font-size:11px;color:var(--muted);font-weight:600;padding:6px 4px;text-align:center}
        .heatmap tbody th{text-align:left;color:var(--ink)}
        .heatmap td{text-align:center;padding:8px 2px;border:2px solid #fff;border-radius:4px;font-size:12px}
        .heatmap td.blank{background:#f9fafb}
        .heatmap .year{font-weight:700;border-left:6px solid #fff}
        .table-wrap{max-height:720px;overflow:auto;border:1px solid var(--line);border-radius:8px}
        .trades th{position:sticky;top:0;background:#f9fafb;text-align:left;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);padding:8px 10px;border-bottom:1px solid var(--line)}
        .trades th.num{text-align:right}
        .trades td{padding:6px 10px;border-bottom:1px solid #f1f5f9}
        .trades tbody tr:nth-child(even){background:#fafafa}
        .trades tr.gap td{text-align:center;color:var(--muted);font-style:italic;background:#f3f4f6}
        .side{font-size:11px;font-weight:600;padding:1px 8px;border-radius:999px}
        .side.long{background:#dcfce7;color:#166534}.side.short{background:#fee2e2;color:#991b1b}
        .warnings{background:#fffbeb;border:1px solid #fcd34d;border-radius:12px;padding:14px 20px;margin-bottom:18px}
        .warnings h2{color:#92400e}.warnings ul{margin:0;padding-left:20px}
        footer{color:var(--muted);font-size:12px;text-align:center;margin-top:8px}
        @media (max-width:900px){.kpis{grid-template-columns:repeat(3,1fr)}.metrics{grid-template-columns:1fr}}
        """;
}
