/** Rapport's application root: shared infrastructure only; each feature lives in its own sub-package. */
package app.rapport;
