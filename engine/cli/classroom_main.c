/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** classroom_main.c: the program entente-classroom, the classroom server that
** `entente classroom` starts (classroom_launch.c); its options are the
** command's.
*/
#include "classroom.h"

int main(int argc, char **argv)
{
    argv[0] = (char *)"classroom";     /* messages name the command */
    return ent_classroom_main(argc, argv);
}
