/**
 * MVVM view models: state and actions of the main window (FX thread only); all engine work goes through trace jobs and comes back through the dispatcher.
 */
package org.hopscope.app.gui.viewmodel;
