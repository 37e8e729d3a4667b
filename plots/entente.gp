# SPDX-License-Identifier: GPL-3.0-or-later
# entente.gp: the shared style of the entente plot scripts, loaded by each
# of them first. It picks the terminal from `fmt` (or the extension of `out`),
# reads CSV with NA as missing, and defines a palette that stays readable in
# grey and for colour-blind readers: the Okabe-Ito colours, each with its own
# dash type and point type, and the viridis map for heat maps.
#
# Variables (set before loading): out (output file name), fmt ('svg', 'png'
# or 'pdf', optional), width and height in pixels (optional), rounds
# (optional). A PDF is vector output for print: a plot of the default
# 960 x 600 pixels becomes 6.4 x 4 inches with 9-point type, which a journal
# scales to a column (3.3 in) with 4.6-point type or to the page width
# (6.5 in) with 9-point type; pixel sizes map to inches at 150 per inch.
reset
if (!exists("out")) out = "plot.svg"
if (!exists("fmt")) fmt = (strlen(out) > 3 && out[strlen(out)-2:] eq "png") ? "png" : \
                          (strlen(out) > 3 && out[strlen(out)-2:] eq "pdf") ? "pdf" : "svg"
if (!exists("width")) width = 960
if (!exists("height")) height = 600
if (fmt eq "png") {
    set terminal pngcairo size width, height font "sans,11" noenhanced background rgb "white"
}
if (fmt eq "pdf") {
    set terminal pdfcairo size (width / 150.0), (height / 150.0) font "sans,9" noenhanced background rgb "white"
}
if (fmt ne "png" && fmt ne "pdf") {
    set terminal svg size width, height font "sans,12" noenhanced background rgb "white"
}
set output out
set datafile separator comma
# NaN (from NA fields and from row filters) is "missing": lines join across it
set datafile missing NaN
set datafile columnheaders
set encoding utf8

# Okabe & Ito (2008) colours, ordered so neighbours differ in lightness too,
# then, for plots with more than eight lines (a tournament's strategies),
# the eight of Paul Tol's "muted" scheme that differ most from them: sixteen
# colours, none repeated. Dash and point types differ as well, so that grey
# prints and readers who cannot tell two of the colours apart still can.
array ent_colour[16] = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442", \
                        "#332288", "#CC6677", "#117733", "#882255", "#88CCEE", "#999933", "#AA4499", "#DDCC77"]
array ent_point[16] = [7, 5, 9, 11, 13, 4, 6, 8, 10, 12, 14, 1, 2, 3, 15, 18]
do for [i=1:16] {
    ent_dt = (i-1)%5+1
    set linetype i lc rgb ent_colour[i] lw 2 dt ent_dt pt ent_point[i] ps 1.1
}
set linetype cycle 16
# viridis (van der Walt & Smith): luminance rises monotonically
set palette defined (0 "#440154", 1 "#482878", 2 "#3E4989", 3 "#31688E", 4 "#26828E", \
                     5 "#1F9E89", 6 "#35B779", 7 "#6DCD59", 8 "#B4DE2C", 9 "#FDE725")
set grid lc rgb "#c8c8c8" lw 1 dt 1
set border lc rgb "#404040"
set key outside right top vertical Left reverse noautotitle samplen 3
set tics out nomirror
if (!exists("scenario")) scenario = "entente"
# rounds (optional): the x range of trajectories, whole-number tics
if (exists("rounds")) {
    ent_xmax = rounds > 1 ? rounds : 2
    ent_xstep = rounds > 12 ? int((rounds + 9) / 10) : 1
    set xrange [1:ent_xmax]
    set xtics ent_xstep
}

# ent_idx(s, list): 1-based position of word s in the space-separated list, or NaN
ent_idx(s, list) = ent_idx_from(s, list, 1)
ent_idx_from(s, list, i) = i > words(list) ? NaN : (word(list, i) eq s ? i : ent_idx_from(s, list, i + 1))
