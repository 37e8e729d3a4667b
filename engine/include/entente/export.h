/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** export.h: what the shared library exports. The library is built with
** -fvisibility=hidden; every public header opens with ENT_BEGIN_DECLS and
** closes with ENT_END_DECLS, so that what it declares (and only that) is
** exported, with C linkage for C++ programs. ENT_API marks a single
** declaration outside such a block.
*/
#ifndef ENT_EXPORT_H
#define ENT_EXPORT_H

#if defined(__GNUC__) && __GNUC__ >= 4
#define ENT_API __attribute__((visibility("default")))
#define ENT_VISIBILITY_PUSH _Pragma("GCC visibility push(default)")
#define ENT_VISIBILITY_POP _Pragma("GCC visibility pop")
#else
#define ENT_API
#define ENT_VISIBILITY_PUSH
#define ENT_VISIBILITY_POP
#endif

#ifdef __cplusplus
#define ENT_BEGIN_DECLS ENT_VISIBILITY_PUSH extern "C" {
#define ENT_END_DECLS } ENT_VISIBILITY_POP
#else
#define ENT_BEGIN_DECLS ENT_VISIBILITY_PUSH
#define ENT_END_DECLS ENT_VISIBILITY_POP
#endif

#endif
