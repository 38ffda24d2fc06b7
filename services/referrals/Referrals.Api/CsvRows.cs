using System.Globalization;
using System.Text;

namespace Integration.Referrals;

/// <summary>The rows of the reports' CSV downloads (the caseload, the funders' report).</summary>
internal static class CsvRows
{
    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so that a spreadsheet never runs a cell as a formula.</summary>
    public static void Append(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(cell =>
        {
            var safe = cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) && !double.TryParse(cell, CultureInfo.InvariantCulture, out _)
                ? "'" + cell
                : cell;
            return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
        }));
        csv.Append("\r\n");
    }
}
