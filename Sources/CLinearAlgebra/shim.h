#ifndef CHAINGRAPH_CLINEARALGEBRA_SHIM_H
#define CHAINGRAPH_CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
