using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>The border every panel shares: rounded, titled, exactly the size the dashboard gave it.</summary>
internal static class PanelFrame
{
    /// <summary>Narrowest and lowest panel drawn; smaller requests are clamped up to it.</summary>
    public const int MinWidth = 8;
    public const int MinHeight = 3;

    /// <summary>Border (2) and one cell of padding on each side.</summary>
    public static int InnerWidth(int width) => Math.Max(MinWidth, width) - 4;

    /// <summary>Rows inside the top and bottom border.</summary>
    public static int InnerRows(int height) => Math.Max(MinHeight, height) - 2;

    /// <param name="content">Rows already fitted to <see cref="InnerWidth"/> × <see cref="InnerRows"/>.</param>
    /// <param name="titleMarkup">Title and status as markup; dynamic text in it must already be escaped.</param>
    /// <param name="border">Border colour; null for the terminal's own.</param>
    public static Panel Create(IRenderable content, string titleMarkup, int width, int height, Color? border = null) =>
        new(content)
        {
            Header = new PanelHeader(titleMarkup),
            Border = BoxBorder.Rounded,
            BorderStyle = border is { } c ? new Style(c) : Style.Plain,
            Padding = new Padding(1, 0, 1, 0),
            Width = Math.Max(MinWidth, width),
            Height = Math.Max(MinHeight, height),
        };

    /// <summary><c>TITLE · status</c> with the status in its own colour, cut to fit the top border.</summary>
    public static string Title(string title, string? status, int width, Color? statusColor = null, Color? titleColor = null)
    {
        var room = Math.Max(MinWidth, width) - 4;
        title = CellText.Cut(CellText.Clean(title), room);
        var titleMarkup = titleColor is { } tc
            ? $"[bold {tc.ToMarkup()}]{Markup.Escape(title)}[/]"
            : $"[bold]{Markup.Escape(title)}[/]";
        var left = room - CellText.Width(title) - 3;
        if (string.IsNullOrEmpty(status) || left < 4)
        {
            return titleMarkup;
        }

        var text = Markup.Escape(CellText.Cut(CellText.Clean(status), left));
        return statusColor is { } sc
            ? $"{titleMarkup} · [{sc.ToMarkup()}]{text}[/]"
            : $"{titleMarkup} · {text}";
    }
}
