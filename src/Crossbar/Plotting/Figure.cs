using System.Globalization;

namespace Crossbar.Plotting;

/// <summary>
/// A grid of plots (rows × columns) in one SVG, with a shared title and panel letters (a), (b), … assigned
/// row by row to the occupied cells, as in "Fig. 5 a–f". Empty cells stay blank.
/// </summary>
public sealed class Figure : IPlotDocument
{
    private readonly Plot?[,] _panels;

    public Figure(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        _panels = new Plot?[rows, cols];
    }

    public int Rows => _panels.GetLength(0);
    public int Columns => _panels.GetLength(1);

    public Plot? this[int row, int col]
    {
        get => _panels[row, col];
        set => _panels[row, col] = value;
    }

    public string? Title { get; set; }

    /// <summary>Size of each cell in px; the panels' own Width/Height are ignored here.</summary>
    public int PanelWidth { get; set; } = 400;

    public int PanelHeight { get; set; } = 300;
    public bool PanelLetters { get; set; } = true;

    /// <summary>Composite format for the letters; {0} is the letter.</summary>
    public string PanelLetterFormat { get; set; } = "({0})";

    public double FontSize { get; set; } = 12;

    private double TitleHeight => string.IsNullOrEmpty(Title) ? 0 : FontSize * 2.4;

    public int Width => Columns * PanelWidth;
    public int Height => (int)Math.Ceiling(TitleHeight) + (Rows * PanelHeight);

    public string ToSvg() => SvgDocument.Build(Width, Height, Title, w =>
    {
        if (!string.IsNullOrEmpty(Title))
        {
            w.Text(Width / 2.0, FontSize * 1.65, Title, FontSize * 1.3, TextAnchor.Middle, cssClass: "figure-title");
        }
        int n = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                if (_panels[r, c] is not Plot plot)
                {
                    continue;
                }
                string? letter = PanelLetters
                    ? string.Format(CultureInfo.InvariantCulture, PanelLetterFormat, Letter(n))
                    : null;
                n++;
                string id = string.Create(CultureInfo.InvariantCulture, $"p{r}-{c}");
                PlotRenderer.Render(w, plot, c * PanelWidth, TitleHeight + (r * PanelHeight), PanelWidth, PanelHeight, id, letter);
            }
        }
    });

    public void SaveSvg(string path) => PlotWriter.SaveSvg(this, path);

    /// <summary>Writes path.svg and, when rsvg-convert is available, path.png.</summary>
    public SaveResult Save(string path, double pngScale = PlotWriter.DefaultPngScale) => PlotWriter.Save(this, path, pngScale);

    /// <summary>a, b, …, z, aa, ab, … (bijective base 26).</summary>
    internal static string Letter(int index)
    {
        string s = "";
        for (int i = index + 1; i > 0; i = (i - 1) / 26)
        {
            s = (char)('a' + ((i - 1) % 26)) + s;
        }
        return s;
    }
}
